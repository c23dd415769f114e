package storage

import (
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// What a watched contact did to their own profile photo.
const (
	NoticeChanged = "changed"
	NoticeRemoved = "removed"
	NoticeSet     = "set" // the first photo of a contact who had none
)

// Notice is a watched contact's change, journalled when it is noticed so
// that it is told in Saved Messages exactly once: a restart before it is
// sent sends it, and one sent is never sent again.
type Notice struct {
	Seq    uint64    `json:"seq"` // its key, in the order noticed; seeds the message's random_id
	UserID int64     `json:"user_id"`
	Label  string    `json:"label"`
	What   string    `json:"what"` // NoticeChanged, NoticeRemoved or NoticeSet
	At     time.Time `json:"at"`
	// Previous is the photo they had before, as archived: File "" when no
	// copy was kept (none was visible).
	Previous Copy `json:"previous,omitzero"`
}

// NoteChange compares userID's photo as Telegram shows it now (photoID, 0
// for none) with the one Persona last saw. When they differ it journals a
// Notice and takes photoID as seen, in one transaction, and returns the
// notice. Several changes between two checks are one notice, with the
// photo Persona last saw as the previous one.
func (db *DB) NoteChange(userID, photoID int64, at time.Time) (Notice, bool, error) {
	var (
		n     Notice
		noted bool
	)
	err := db.update("note change", func(tx *bbolt.Tx) error {
		watches, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		var w Watch
		found, err := getJSON(watches, key(userID), &w)
		if err != nil || !found || (w.PhotoID == photoID && !w.Unseen) {
			return err
		}
		if w.Unseen { // the first look: what they have is no change
			w.PhotoID, w.Unseen = photoID, false
			return putJSON(watches, key(userID), w)
		}
		n = Notice{UserID: userID, Label: w.Label, What: changeKind(w.PhotoID, photoID), At: at}
		n.Previous, _ = w.Current()
		w.PhotoID = photoID
		if err := putJSON(watches, key(userID), w); err != nil {
			return err
		}
		noted = true
		return putNotice(tx, &n)
	})
	return n, noted, err
}

func changeKind(before, now int64) string {
	switch {
	case now == 0:
		return NoticeRemoved
	case before == 0:
		return NoticeSet
	default:
		return NoticeChanged
	}
}

func putNotice(tx *bbolt.Tx, n *Notice) error {
	b, err := bucket(tx, bucketNotices)
	if err != nil {
		return err
	}
	if n.Seq, err = b.NextSequence(); err != nil {
		return err
	}
	return putJSON(b, seqKey(n.Seq), n)
}

// PendingNotices are the notices not yet sent, oldest first.
func (db *DB) PendingNotices() ([]Notice, error) {
	var out []Notice
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketNotices)
		if err != nil {
			return err
		}
		return b.ForEach(func(_, v []byte) error {
			var n Notice
			if err := decode(v, &n); err != nil {
				return err
			}
			out = append(out, n)
			return nil
		})
	})
	if err != nil {
		return nil, errors.Wrap(err, "pending notices")
	}
	return out, nil
}

// NoticeSent takes a sent notice out of the journal.
func (db *DB) NoticeSent(seq uint64) error {
	return db.update("notice sent", func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketNotices)
		if err != nil {
			return err
		}
		return b.Delete(seqKey(seq))
	})
}

func seqKey(seq uint64) []byte { return key(int64(seq)) }
