package storage

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// JournalState is where a command is in its life.
type JournalState string

// A command is received when first seen and done once its reply is sent.
const (
	StateReceived JournalState = "received" // seen, not yet finished
	StateDone     JournalState = "done"     // reply sent
)

// journalFill is how full the journal's buckets fill their pages when
// they split. Their keys are message ids, which only grow, so new entries
// go at the end and a page once split is rarely written again; bbolt's
// default of half leaves half of every page of a month's journal empty
// (BenchmarkJournalMonth: 64 MiB for 100,000 commands at half, 32 at 0.9).
const journalFill = 0.9

// Limits that keep journal entries small.
const (
	maxJournalText    = 4096
	maxJournalOutcome = 256
)

// JournalEntry is one command from Saved Messages. The journal is how the
// daemon answers each command exactly once, also across crashes and restarts.
type JournalEntry struct {
	MsgID      int          `json:"msg_id"`
	State      JournalState `json:"state"`
	Text       string       `json:"text"` // the command text, for resuming after a restart
	ReceivedAt time.Time    `json:"received_at"`
	DoneAt     time.Time    `json:"done_at,omitzero"`
	ReplyID    int          `json:"reply_id,omitempty"` // our reply's message id once sent
	Outcome    string       `json:"outcome,omitempty"`  // first line of the reply, e.g. "ok" / "error: ..."
	Steps      []Step       `json:"steps,omitempty"`    // targets already done, while received
	Progress   bool         `json:"progress,omitempty"` // a progress reply may have been sent: finish by editing it
	Parts      []int        `json:"parts,omitempty"`    // further messages of a reply too long for one
	// Renewed counts the reply messages given up while the command ran
	// (the owner deleted one, or Telegram refused to edit it): the answer
	// then comes as a new message, sent with a random_id of its own.
	Renewed int `json:"renewed,omitempty"`

	// A command that failed without a reply is tried again later, a
	// bounded number of times; these survive a restart so it does not
	// start the count or the wait again.
	Attempts     int       `json:"attempts,omitempty"`     // failed attempts so far
	NextTry      time.Time `json:"next_try,omitzero"`      // not before then
	FailingSince time.Time `json:"failing_since,omitzero"` // the first failure
	LastError    string    `json:"last_error,omitempty"`   // why the last attempt failed
}

// Begin records a command as received. It returns false, changing nothing,
// if the command was already seen (received or done): the caller must then
// not start it again. Text is cut to 4096 bytes.
func (db *DB) Begin(msgID int, text string, at time.Time) (bool, error) {
	started := false
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketJournal, subJournalEntry)
		if err != nil {
			return err
		}
		b.FillPercent = journalFill
		k := key(int64(msgID))
		if b.Get(k) != nil {
			return nil
		}
		started = true
		if err := raiseHighWater(tx, msgID); err != nil {
			return err
		}
		return putJSON(b, k, JournalEntry{
			MsgID:      msgID,
			State:      StateReceived,
			Text:       truncate(text, maxJournalText),
			ReceivedAt: at,
		})
	})
	if err != nil {
		return false, errors.Wrapf(err, "begin command %d", msgID)
	}
	return started, nil
}

// Finish marks the command done and remembers its reply, so the reply is
// never mistaken for a command. Outcome is cut to its first line. Finishing
// an unknown command is an error: it was never begun.
func (db *DB) Finish(msgID, replyID int, outcome string, at time.Time) error {
	err := db.updateEntry(msgID, func(e *JournalEntry, replies *bbolt.Bucket) error {
		if e.ReplyID != 0 && e.ReplyID != replyID {
			if err := replies.Delete(key(int64(e.ReplyID))); err != nil {
				return errors.Wrap(err, "unindex reply")
			}
		}
		e.State, e.DoneAt, e.ReplyID = StateDone, at, replyID
		e.Outcome = truncate(firstLine(outcome), maxJournalOutcome)
		e.Steps = nil // the reply now says it all
		if replyID != 0 {
			if err := replies.Put(key(int64(replyID)), key(int64(msgID))); err != nil {
				return errors.Wrap(err, "index reply")
			}
		}
		return nil
	})
	if err != nil {
		return errors.Wrap(err, "finish")
	}
	return nil
}

// Retry records a failed attempt of a command that is still pending: its
// count, the first failure's time, the reason and when to try next.
func (db *DB) Retry(msgID int, reason string, at, next time.Time) (JournalEntry, error) {
	var out JournalEntry
	err := db.updateEntry(msgID, func(e *JournalEntry, _ *bbolt.Bucket) error {
		e.Attempts++
		if e.FailingSince.IsZero() {
			e.FailingSince = at
		}
		e.NextTry, e.LastError = next, truncate(reason, maxJournalOutcome)
		out = *e
		return nil
	})
	if err != nil {
		return JournalEntry{}, errors.Wrap(err, "retry")
	}
	return out, nil
}

// AddReplyParts records the further messages of a long reply, so they are
// known as ours like the first one.
func (db *DB) AddReplyParts(msgID int, ids ...int) error {
	return db.updateEntry(msgID, func(e *JournalEntry, replies *bbolt.Bucket) error {
		for _, id := range ids {
			if slices.Contains(e.Parts, id) || id == 0 {
				continue
			}
			e.Parts = append(e.Parts, id)
			if err := replies.Put(key(int64(id)), key(int64(msgID))); err != nil {
				return errors.Wrap(err, "index reply part")
			}
		}
		return nil
	})
}

// Entry returns the journal entry of the command msgID.
func (db *DB) Entry(msgID int) (JournalEntry, bool, error) {
	var e JournalEntry
	var found bool
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketJournal, subJournalEntry)
		if err != nil {
			return err
		}
		found, err = getJSON(b, key(int64(msgID)), &e)
		return err
	})
	if err != nil {
		return JournalEntry{}, false, errors.Wrapf(err, "command %d", msgID)
	}
	return e, found, nil
}

// Pending returns the commands received but not done, oldest (lowest message
// id) first: the ones to resume after a restart.
func (db *DB) Pending() ([]JournalEntry, error) {
	var out []JournalEntry
	err := db.eachEntry(func(e JournalEntry) error {
		if e.State != StateDone {
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, errors.Wrap(err, "pending commands")
	}
	return out, nil
}

// IsReply reports whether msgID is a reply we sent; the daemon sees its own
// replies in Saved Messages and must not treat them as commands.
func (db *DB) IsReply(msgID int) (bool, error) {
	var found bool
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketJournal, subJournalReply)
		if err != nil {
			return err
		}
		found = b.Get(key(int64(msgID))) != nil
		return nil
	})
	if err != nil {
		return false, errors.Wrapf(err, "is reply %d", msgID)
	}
	return found, nil
}

// Prune deletes done entries finished before `before`, with their reply
// index entries, and returns how many it deleted. Pending entries stay.
func (db *DB) Prune(before time.Time) (int, error) {
	var old []JournalEntry
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		err := eachEntryTx(tx, func(e JournalEntry) error {
			if e.State == StateDone && e.DoneAt.Before(before) {
				old = append(old, e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		entries, replies, err := journalBuckets(tx)
		if err != nil {
			return err
		}
		// Deleting under a live cursor skips keys in bbolt, so delete after.
		for _, e := range old {
			if err := entries.Delete(key(int64(e.MsgID))); err != nil {
				return errors.Wrapf(err, "delete command %d", e.MsgID)
			}
			for _, id := range append([]int{e.ReplyID}, e.Parts...) {
				if id == 0 {
					continue
				}
				if err := deleteIfOwner(replies, key(int64(id)), int64(e.MsgID)); err != nil {
					return errors.Wrapf(err, "delete reply %d", id)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, errors.Wrap(err, "prune journal")
	}
	return len(old), nil
}

func (db *DB) eachEntry(fn func(JournalEntry) error) error {
	return db.bolt.View(func(tx *bbolt.Tx) error { return eachEntryTx(tx, fn) })
}

// eachEntryTx visits entries in message id order (keys are big-endian).
func eachEntryTx(tx *bbolt.Tx, fn func(JournalEntry) error) error {
	b, err := bucket(tx, bucketJournal, subJournalEntry)
	if err != nil {
		return err
	}
	return b.ForEach(func(k, v []byte) error {
		var e JournalEntry
		if err := decode(v, &e); err != nil {
			return errors.Wrapf(err, "command %d", keyID(k))
		}
		return fn(e)
	})
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// truncate cuts s to at most n bytes without splitting a UTF-8 character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// MarkProgress records, before it is sent, that the command's reply starts
// as a progress message: after a crash the final answer must then edit that
// message instead of trusting a fresh send.
func (db *DB) MarkProgress(msgID int) error {
	return db.updateEntry(msgID, func(e *JournalEntry, _ *bbolt.Bucket) error {
		e.Progress = true
		return nil
	})
}

// SetReply records the reply's message id while the command is still
// running (a progress reply), so it is never taken for a command and a
// restart edits it rather than sending another.
func (db *DB) SetReply(msgID, replyID int) error {
	return db.updateEntry(msgID, func(e *JournalEntry, replies *bbolt.Bucket) error {
		e.ReplyID = replyID
		return replies.Put(key(int64(replyID)), key(int64(msgID)))
	})
}

// updateEntry changes a begun journal entry in one transaction.
func (db *DB) updateEntry(msgID int, change func(e *JournalEntry, replies *bbolt.Bucket) error) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		entries, replies, err := journalBuckets(tx)
		if err != nil {
			return err
		}
		var e JournalEntry
		found, err := getJSON(entries, key(int64(msgID)), &e)
		if err != nil {
			return err
		}
		if !found {
			return errors.New("not begun")
		}
		if err := change(&e, replies); err != nil {
			return err
		}
		return putJSON(entries, key(int64(msgID)), e)
	})
	if err != nil {
		return errors.Wrapf(err, "command %d", msgID)
	}
	return nil
}

// journalBuckets returns the entries and the reply index.
func journalBuckets(tx *bbolt.Tx) (entries, replies *bbolt.Bucket, err error) {
	if entries, err = bucket(tx, bucketJournal, subJournalEntry); err != nil {
		return nil, nil, err
	}
	if replies, err = bucket(tx, bucketJournal, subJournalReply); err != nil {
		return nil, nil, err
	}
	entries.FillPercent, replies.FillPercent = journalFill, journalFill
	return entries, replies, nil
}
