package storage

import (
	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// RepliesDeleted notes that messages were deleted (updateDeleteMessages).
// A command still running or waiting whose reply is among them forgets it
// (renew): its answer then comes as a new message. A deleted reply of a
// finished command, or a message that is none of ours, changes nothing.
// It returns the commands whose reply was forgotten.
func (db *DB) RepliesDeleted(ids ...int) ([]int, error) {
	// Most deletions are of other messages: look before writing, so they
	// cost no write to the file.
	var owners []int
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		owners, err = renewable(tx, ids, func(JournalEntry, int) error { return nil })
		return err
	})
	if err != nil {
		return nil, errors.Wrap(err, "replies deleted")
	}
	if len(owners) == 0 {
		return nil, nil
	}
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		entries, replies, err := journalBuckets(tx)
		if err != nil {
			return err
		}
		owners, err = renewable(tx, ids, func(e JournalEntry, id int) error {
			renew(&e, id)
			if err := replies.Delete(key(int64(id))); err != nil {
				return errors.Wrap(err, "unindex reply")
			}
			return putJSON(entries, key(int64(e.MsgID)), e)
		})
		return err
	})
	if err != nil {
		return nil, errors.Wrap(err, "replies deleted")
	}
	return owners, nil
}

// renewable calls f for each of ids that is the reply of a command still
// running or waiting, with that command's entry, and returns the commands.
func renewable(tx *bbolt.Tx, ids []int, f func(e JournalEntry, id int) error) ([]int, error) {
	entries, replies, err := journalBuckets(tx)
	if err != nil {
		return nil, err
	}
	var owners []int
	for _, id := range ids {
		owner := replies.Get(key(int64(id)))
		if owner == nil {
			continue
		}
		var e JournalEntry
		if found, err := getJSON(entries, owner, &e); err != nil || !found {
			return nil, err
		}
		if e.State == StateDone || e.ReplyID != id {
			continue
		}
		if err := f(e, id); err != nil {
			return nil, err
		}
		owners = append(owners, e.MsgID)
	}
	return owners, nil
}

// RenewReply gives up message replyID as the reply of the running command
// msgID, unless that was done already: the command's answer goes out as a
// new message, with a random_id of its own (Renewed counts them). It
// returns the entry as it is now.
func (db *DB) RenewReply(msgID, replyID int) (JournalEntry, error) {
	var out JournalEntry
	err := db.updateEntry(msgID, func(e *JournalEntry, replies *bbolt.Bucket) error {
		if renew(e, replyID) {
			if err := replies.Delete(key(int64(replyID))); err != nil {
				return errors.Wrap(err, "unindex reply")
			}
		}
		out = *e
		return nil
	})
	if err != nil {
		return JournalEntry{}, errors.Wrap(err, "renew reply")
	}
	return out, nil
}

// renew forgets replyID as e's reply when e still runs and it is its
// reply, and reports whether it did.
// A replyID of 0 renews a progress message sent but never journalled
// (the daemon stopped in between), which the owner deleted since.
func renew(e *JournalEntry, replyID int) bool {
	sentUnjournalled := replyID == 0 && e.ReplyID == 0 && e.Progress
	if e.State == StateDone || e.ReplyID != replyID || (replyID == 0 && !sentUnjournalled) {
		return false
	}
	e.ReplyID, e.Progress = 0, false
	e.Renewed++
	return true
}
