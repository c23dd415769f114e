package storage

import (
	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Step is one target of a command, finished: its reply line. Steps are what
// make a resumed command skip the targets it already did before a crash.
type Step struct {
	// Tally is what the step counts as in a summary of many (/import's
	// "set", "no photo"…); "" for a command that lists each line.
	Tally string `json:"tally,omitempty"`
	MsgID int    `json:"-"`
	Index int    `json:"index"` // the target's position in the command
	OK    bool   `json:"ok"`
	Line  string `json:"line"`
	// Bulk: the step is contact Index of bulk job MsgID (bulk.go), kept
	// in the job's own list rather than in the journal entry.
	Bulk bool `json:"-"`
}

// putStep adds the step to its journal entry unless that target is already
// recorded: the first outcome of a target is the one that counts.
func putStep(tx *bbolt.Tx, s Step) error {
	if s.Bulk {
		return putBulkStep(tx, s)
	}
	b, err := bucket(tx, bucketJournal, subJournalEntry)
	if err != nil {
		return err
	}
	b.FillPercent = journalFill
	k := key(int64(s.MsgID))
	var e JournalEntry
	found, err := getJSON(b, k, &e)
	if err != nil {
		return err
	}
	if !found {
		return errors.Errorf("step of command %d: not begun", s.MsgID)
	}
	for _, old := range e.Steps {
		if old.Index == s.Index {
			return nil
		}
	}
	s.Line = truncate(s.Line, maxJournalOutcome)
	e.Steps = append(e.Steps, s)
	return putJSON(b, k, e)
}

// RecordStep records a finished target that changed no photo record, e.g.
// a failure or a suggestion. Recording a target twice keeps the first.
func (db *DB) RecordStep(s Step) error {
	if err := db.bolt.Update(func(tx *bbolt.Tx) error { return putStep(tx, s) }); err != nil {
		return errors.Wrapf(err, "record step %d of command %d", s.Index, s.MsgID)
	}
	return nil
}

// Steps returns the targets of command msgID already done, by index.
func (db *DB) Steps(msgID int) (map[int]Step, error) {
	e, found, err := db.Entry(msgID)
	if err != nil || !found {
		return nil, err
	}
	out := make(map[int]Step, len(e.Steps))
	for _, s := range e.Steps {
		s.MsgID = msgID
		out[s.Index] = s
	}
	return out, nil
}
