package storage

import (
	"sort"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// PhotoKind is what a personal photo was made from.
type PhotoKind string

// The kinds of media a personal photo can be set from.
const (
	KindPhoto   PhotoKind = "photo"
	KindVideo   PhotoKind = "video"
	KindSticker PhotoKind = "sticker"
	KindEmoji   PhotoKind = "emoji"
	KindHidden  PhotoKind = "hidden" // /hide: their initials on their colour, drawn by Persona
	KindKept    PhotoKind = "kept"   // /keep: a copy of one of their own profile photos
)

// maxHistory caps PhotoRecord.History so a contact's record stays small.
const maxHistory = 50

// PhotoEntry is one personal photo we set for a contact.
type PhotoEntry struct {
	Kind        PhotoKind `json:"kind"`
	SourceMsgID int       `json:"source_msg_id"` // the Saved Messages message the media came from
	CommandID   int       `json:"command_id"`    // the command message id that set it
	PhotoID     int64     `json:"photo_id"`      // Telegram's photo id returned by uploadContactProfilePhoto
	SetAt       time.Time `json:"set_at"`
	Suggested   bool      `json:"suggested,omitempty"` // also suggested (suggest=yes)
	ExpiresAt   time.Time `json:"expires_at,omitzero"` // zero when no timer
	// Frame and BG are the frame= and bg= the photo was set with, so /undo
	// and a timer bring back the same cover frame and background.
	Frame *float64 `json:"frame,omitempty"`
	BG    []uint32 `json:"bg,omitempty"`
	// KeptPhotoID and KeptDate name the contact's own profile photo a
	// KindKept entry copies, so /undo can find it in their list again and
	// /history can say which one it was.
	KeptPhotoID int64     `json:"kept_photo_id,omitempty"`
	KeptDate    time.Time `json:"kept_date,omitzero"`
	// AddedContact: the command that set it added the contact first (add=yes).
	AddedContact bool `json:"added_contact,omitempty"`
}

// PhotoRecord is everything we remember about one contact's personal photo,
// so `list` and `status` can answer without asking Telegram.
type PhotoRecord struct {
	UserID  int64        `json:"user_id"`
	Label   string       `json:"label"`             // how the user named the contact, e.g. "@alice"
	Current *PhotoEntry  `json:"current,omitempty"` // nil when no personal photo is set (after a reset)
	History []PhotoEntry `json:"history,omitempty"` // earlier entries, newest first, capped at 50
	ResetAt time.Time    `json:"reset_at,omitzero"` // last reset, zero if none
	// AddedContact: Persona added the contact (add=yes), so /list can say
	// who put them into the contacts.
	AddedContact bool `json:"added_contact,omitempty"`

	// What Telegram said when last asked (users.getFullUser).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	Elsewhere string    `json:"elsewhere,omitempty"` // ElsewhereChanged, ElsewhereRemoved or "" (Telegram shows ours)
}

// What another of the user's apps did to a photo we set.
const (
	ElsewhereChanged = "changed" // replaced by another personal photo
	ElsewhereRemoved = "removed" // removed; the record was reset
)

// retire moves Current to the front of History, keeping the cap.
func (r *PhotoRecord) retire() {
	if r.Current == nil {
		return
	}
	r.History = append([]PhotoEntry{*r.Current}, r.History...)
	if len(r.History) > maxHistory {
		r.History = r.History[:maxHistory]
	}
	r.Current = nil
}

// SetPhoto makes e the contact's current photo; the old one (if any) moves to
// the front of History. An empty label keeps the one already recorded.
func (db *DB) SetPhoto(userID int64, label string, e PhotoEntry, steps ...Step) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, _ bool) bool {
		r.retire()
		r.Current, r.Elsewhere = &e, ""
		r.AddedContact = r.AddedContact || e.AddedContact
		if label != "" {
			r.Label = label
		}
		return true
	}, steps...)
	if err != nil {
		return errors.Wrapf(err, "set photo for %d", userID)
	}
	return nil
}

// UndoPhoto makes the newest History entry current again as `restored` (the
// same entry, re-uploaded: new photo id and time) and forgets the photo it
// replaces, so a second undo goes back further instead of toggling.
func (db *DB) UndoPhoto(userID int64, restored PhotoEntry, steps ...Step) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, found bool) bool {
		if !found || len(r.History) == 0 {
			return false
		}
		r.History = r.History[1:]
		r.Current, r.Elsewhere = &restored, ""
		return true
	}, steps...)
	if err != nil {
		return errors.Wrapf(err, "undo photo for %d", userID)
	}
	return nil
}

// ResetPhoto records that the contact's personal photo was removed at `at`.
// Without a record there is nothing to remember, so it is a no-op.
func (db *DB) ResetPhoto(userID int64, at time.Time, steps ...Step) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, found bool) bool {
		if !found {
			return false
		}
		r.retire()
		r.ResetAt, r.Elsewhere = at, ""
		return true
	}, steps...)
	if err != nil {
		return errors.Wrapf(err, "reset photo for %d", userID)
	}
	return nil
}

// SyncPhoto records what Telegram shows as the contact's personal photo
// (photoID 0: none) at `at`: a photo removed from another app resets the
// record, one replaced there is marked, so the records tell the truth.
func (db *DB) SyncPhoto(userID, photoID int64, at time.Time) error {
	err := db.updatePhoto(userID, syncChange(photoID, at))
	if err != nil {
		return errors.Wrapf(err, "sync photo for %d", userID)
	}
	return nil
}

// SyncPhotos is SyncPhoto for many contacts in one transaction (one disk
// sync, not one per contact): shown maps a user to the photo Telegram
// shows, 0 for none.
func (db *DB) SyncPhotos(shown map[int64]int64, at time.Time) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		for userID, photoID := range shown {
			if err := updatePhotoTx(tx, userID, syncChange(photoID, at)); err != nil {
				return errors.Wrapf(err, "sync photo for %d", userID)
			}
		}
		return nil
	})
	return err
}

// syncChange records what Telegram shows for a contact.
func syncChange(photoID int64, at time.Time) func(r *PhotoRecord, found bool) bool {
	return func(r *PhotoRecord, found bool) bool {
		if !found {
			return false
		}
		r.CheckedAt = at
		switch {
		case r.Current == nil:
		case photoID == 0:
			r.retire()
			r.ResetAt, r.Elsewhere = at, ElsewhereRemoved
		case photoID != r.Current.PhotoID:
			r.Elsewhere = ElsewhereChanged
		default:
			r.Elsewhere = ""
		}
		return true
	}
}

// updatePhoto loads the record (a fresh one if missing), lets change edit it
// and stores it if change returns true, all in one transaction. The timer
// index follows the current entry's ExpiresAt, and the command steps given
// are recorded in the same transaction, so a crash can never leave a photo
// changed but its command step not done, or the other way round.
func (db *DB) updatePhoto(userID int64, change func(r *PhotoRecord, found bool) bool, steps ...Step) error {
	return db.bolt.Update(func(tx *bbolt.Tx) error { return updatePhotoTx(tx, userID, change, steps...) })
}

func updatePhotoTx(tx *bbolt.Tx, userID int64, change func(r *PhotoRecord, found bool) bool, steps ...Step) error {
	b, err := bucket(tx, bucketPhotos)
	if err != nil {
		return err
	}
	r := PhotoRecord{UserID: userID}
	found, err := getJSON(b, key(userID), &r)
	if err != nil {
		return err
	}
	before := r.expiresAt()
	if !change(&r, found) {
		return nil
	}
	if err := moveTimer(tx, userID, before, r.expiresAt()); err != nil {
		return err
	}
	for _, s := range steps {
		if err := putStep(tx, s); err != nil {
			return err
		}
	}
	return putJSON(b, key(userID), r)
}

// expiresAt is when the current photo's timer runs out; zero without one.
func (r *PhotoRecord) expiresAt() time.Time {
	if r.Current == nil {
		return time.Time{}
	}
	return r.Current.ExpiresAt
}

// Photo returns the contact's record.
func (db *DB) Photo(userID int64) (PhotoRecord, bool, error) {
	var r PhotoRecord
	var found bool
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketPhotos)
		if err != nil {
			return err
		}
		found, err = getJSON(b, key(userID), &r)
		return err
	})
	if err != nil {
		return PhotoRecord{}, false, errors.Wrapf(err, "photo for %d", userID)
	}
	return r, found, nil
}

// Photos returns the records with a current photo, most recently set first.
func (db *DB) Photos() ([]PhotoRecord, error) {
	var out []PhotoRecord
	err := db.eachPhoto(func(r PhotoRecord) {
		if r.Current != nil {
			out = append(out, r)
		}
	})
	if err != nil {
		return nil, errors.Wrap(err, "list photos")
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Current.SetAt.After(out[j].Current.SetAt)
	})
	return out, nil
}

// CountPhotos returns how many contacts have a current photo.
func (db *DB) CountPhotos() (int, error) {
	n := 0
	err := db.eachPhoto(func(r PhotoRecord) {
		if r.Current != nil {
			n++
		}
	})
	if err != nil {
		return 0, errors.Wrap(err, "count photos")
	}
	return n, nil
}

func (db *DB) eachPhoto(fn func(PhotoRecord)) error {
	return db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketPhotos)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var r PhotoRecord
			if err := decode(v, &r); err != nil {
				return errors.Wrapf(err, "photo for %d", keyID(k))
			}
			fn(r)
			return nil
		})
	})
}
