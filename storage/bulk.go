package storage

import (
	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// A bulk job is one command for many contacts (`/hide all`): its list of
// contacts is written once, when it starts, and each contact's state as it
// goes, so a restart goes on where it stopped and does no contact twice.
// Each job is a bucket of its own under persona.bulk/jobs, keyed by its
// command's message id: key 0 holds the BulkJob, keys 1… the contacts.

// The states of a contact in a bulk job.
const (
	BulkToDo    = "todo"
	BulkStarted = "started" // its call may have reached Telegram: check before doing it again
	BulkDone    = "done"
	BulkFailed  = "failed"
	// BulkSkipped: left out, never done; its Line says why.
	BulkSkipped = "skipped"
)

// BulkJob is what a bulk job is about, beyond its contacts.
type BulkJob struct {
	MsgID int `json:"msg_id"`
	// Verb is the command the job runs ("hide", "reset", "keep", "undo"),
	// so that `/undo all` knows what it takes back.
	Verb    string         `json:"verb,omitempty"`
	Skipped map[string]int `json:"skipped,omitempty"` // contacts left out, by why
	// Undoes is the bulk job an `/undo all` takes back; 0 for others.
	Undoes int `json:"undoes,omitempty"`
	// UndoesVerb is that job's Verb, and Restores the photos set
	// elsewhere it removed, by contact: put back from the archive.
	UndoesVerb string             `json:"undoes_verb,omitempty"`
	Restores   map[int64]Archived `json:"restores,omitempty"`
	Finished   bool               `json:"finished,omitempty"`
}

// BulkItem is one contact of a bulk job and how far it got.
type BulkItem struct {
	Index   int     `json:"i"`
	Contact Contact `json:"c"`
	State   string  `json:"s"`
	Line    string  `json:"l,omitempty"` // the reply's line: why it failed, or what was done
	// Tally is what the item counts as in a summary by kind (/import's
	// "set", "no photo"…: storage.Step.Tally).
	Tally string `json:"t,omitempty"`
	// Archived is the archive's copy of a personal photo set elsewhere
	// that the job removed (`/reset all`), so `/undo all` can bring it back.
	Archived *Archived `json:"a,omitempty"`
}

// Archived names the archive's copy of a photo: its file, and for a video
// its cover frame (video_start_ts).
type Archived struct {
	Name string   `json:"name"`
	TS   *float64 `json:"ts,omitempty"`
}

// wrapIf and wrapIff wrap err, and leave nil as nil.
func wrapIf(err error, msg string) error {
	if err == nil {
		return nil
	}
	return errors.Wrap(err, msg)
}

func wrapIff(err error, format string, a ...any) error {
	if err == nil {
		return nil
	}
	return errors.Wrapf(err, format, a...)
}

var keyLastBulk = []byte("last_bulk")

// StartBulk writes a new bulk job and its contacts, all to do. A job
// already written is left as it is (started is false): it is resumed.
func (db *DB) StartBulk(job BulkJob, contacts []Contact) (started bool, err error) {
	items := make([]BulkItem, len(contacts))
	for i, c := range contacts {
		items[i] = BulkItem{Index: i, Contact: c, State: BulkToDo}
	}
	return db.StartBulkItems(job, items)
}

// StartBulkItems is StartBulk for items whose state is already known
// when the job starts (an /import's cards skipped by its rules); item i
// must have Index i.
func (db *DB) StartBulkItems(job BulkJob, items []BulkItem) (started bool, err error) {
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		jobs, err := bucket(tx, bucketBulk, subBulkJobs)
		if err != nil {
			return err
		}
		if jobs.Bucket(key(int64(job.MsgID))) != nil {
			return nil
		}
		b, err := jobs.CreateBucket(key(int64(job.MsgID)))
		if err != nil {
			return err
		}
		started = true
		if err := putJSON(b, key(0), job); err != nil {
			return err
		}
		for i, it := range items {
			it.Line = truncate(it.Line, maxJournalOutcome)
			if err := putJSON(b, key(int64(i+1)), it); err != nil {
				return err
			}
		}
		return nil
	})
	return started, wrapIff(err, "start bulk job %d", job.MsgID)
}

// Bulk reads a bulk job and its contacts in order; found is false when
// there is none for msgID.
func (db *DB) Bulk(msgID int) (job BulkJob, items []BulkItem, found bool, err error) {
	err = db.bolt.View(func(tx *bbolt.Tx) error {
		b := jobBucket(tx, msgID)
		if b == nil {
			return nil
		}
		found = true
		return b.ForEach(func(k, v []byte) error {
			if keyID(k) == 0 {
				return decode(v, &job)
			}
			var it BulkItem
			if err := decode(v, &it); err != nil {
				return err
			}
			items = append(items, it)
			return nil
		})
	})
	return job, items, found, wrapIff(err, "read bulk job %d", msgID)
}

func jobBucket(tx *bbolt.Tx, msgID int) *bbolt.Bucket {
	jobs, err := bucket(tx, bucketBulk, subBulkJobs)
	if err != nil {
		return nil
	}
	return jobs.Bucket(key(int64(msgID)))
}

// MarkBulkStarted notes, in one write, that the calls for these contacts
// of job msgID are about to be made.
func (db *DB) MarkBulkStarted(msgID int, indexes []int) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		return eachItem(tx, msgID, indexes, func(it *BulkItem) bool {
			if it.State != BulkToDo {
				return false
			}
			it.State = BulkStarted
			return true
		})
	})
	return wrapIff(err, "mark bulk job %d started", msgID)
}

// SkipBulk marks the contacts of job msgID named left out once the job
// had begun, for why (as changed since); contacts already done or failed
// keep their state.
func (db *DB) SkipBulk(msgID int, indexes []int, why string) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		return eachItem(tx, msgID, indexes, func(it *BulkItem) bool {
			if it.State == BulkDone || it.State == BulkFailed {
				return false
			}
			it.State, it.Line = BulkSkipped, why
			return true
		})
	})
	return wrapIff(err, "skip contacts of bulk job %d", msgID)
}

// NoteBulkArchived records, before the contact's photo is removed, the
// archive's copy of it in contact index of job msgID.
func (db *DB) NoteBulkArchived(msgID, index int, a Archived) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		return eachItem(tx, msgID, []int{index}, func(it *BulkItem) bool {
			it.Archived = &a
			return true
		})
	})
	return wrapIff(err, "note the archived photo in bulk job %d", msgID)
}

// eachItem lets change edit the items named, storing those it changed.
func eachItem(tx *bbolt.Tx, msgID int, indexes []int, change func(it *BulkItem) bool) error {
	b := jobBucket(tx, msgID)
	if b == nil {
		return errors.Errorf("no bulk job %d", msgID)
	}
	for _, i := range indexes {
		var it BulkItem
		found, err := getJSON(b, key(int64(i+1)), &it)
		if err != nil || !found {
			return errors.Errorf("bulk job %d has no contact %d (%v)", msgID, i, err)
		}
		if change(&it) {
			if err := putJSON(b, key(int64(i+1)), it); err != nil {
				return err
			}
		}
	}
	return nil
}

// putBulkStep records a contact's outcome unless it already has one: as
// for command steps, the first outcome is the one that counts.
func putBulkStep(tx *bbolt.Tx, s Step) error {
	return eachItem(tx, s.MsgID, []int{s.Index}, func(it *BulkItem) bool {
		if it.State == BulkDone || it.State == BulkFailed {
			return false
		}
		it.State, it.Line, it.Tally = BulkFailed, truncate(s.Line, maxJournalOutcome), s.Tally
		if s.OK {
			it.State = BulkDone
		}
		return true
	})
}

// FinishBulk marks job msgID finished, as the last bulk job (what `/undo
// all` takes back), and drops the other finished jobs' lists.
func (db *DB) FinishBulk(msgID int) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b := jobBucket(tx, msgID)
		if b == nil {
			return errors.Errorf("no bulk job %d", msgID)
		}
		var job BulkJob
		if _, err := getJSON(b, key(0), &job); err != nil {
			return err
		}
		job.Finished = true
		if err := putJSON(b, key(0), job); err != nil {
			return err
		}
		if err := dropFinishedBut(tx, msgID); err != nil {
			return err
		}
		top, err := bucket(tx, bucketBulk)
		if err != nil {
			return err
		}
		return top.Put(keyLastBulk, key(int64(msgID)))
	})
	return wrapIff(err, "finish bulk job %d", msgID)
}

// dropFinishedBut deletes every finished job but msgID.
func dropFinishedBut(tx *bbolt.Tx, msgID int) error {
	jobs, err := bucket(tx, bucketBulk, subBulkJobs)
	if err != nil {
		return err
	}
	var drop [][]byte
	err = jobs.ForEachBucket(func(k []byte) error {
		var job BulkJob
		if _, err := getJSON(jobs.Bucket(k), key(0), &job); err != nil {
			return err
		}
		if job.Finished && keyID(k) != int64(msgID) {
			drop = append(drop, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range drop {
		if err == nil {
			err = jobs.DeleteBucket(k)
		}
	}
	return err
}

// LastBulk is the message id of the last bulk job that finished.
func (db *DB) LastBulk() (msgID int, found bool, err error) {
	err = db.bolt.View(func(tx *bbolt.Tx) error {
		top, err := bucket(tx, bucketBulk)
		if err != nil {
			return err
		}
		if v := top.Get(keyLastBulk); v != nil {
			msgID, found = int(keyID(v)), true
		}
		return nil
	})
	return msgID, found, wrapIf(err, "read the last bulk job")
}
