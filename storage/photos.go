package storage

import (
	"sort"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// PhotoKind is what a personal photo was made from, as the handlers name
// it (one file each, handlers/kind_*.go). Storage keeps it as it is given,
// and knows only the one kind its own steps make.
type PhotoKind string

// KindReset is a step of History with no personal photo: a reset (by
// /reset, /undo, a timer or another app) that a later photo replaced.
// Only its SetAt, the time of the reset, means anything. /undo going back
// to it removes the personal photo again. Records written before it
// existed have no such steps and read as they always did.
const KindReset PhotoKind = "reset"

// maxHistory caps PhotoRecord.History so a contact's record stays small.
const maxHistory = 50

// PhotoEntry is one personal photo we set for a contact, or, with
// KindReset, a time when there was none.
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
	// FileName and Card name the vCard a photo came from (/import): the
	// document's file name, and the card's place in it (1 is the first).
	FileName string `json:"file_name,omitempty"`
	Card     int    `json:"card,omitempty"`
}

// PhotoRecord is everything we remember about one contact's personal photo,
// so `list` and `status` can answer without asking Telegram.
type PhotoRecord struct {
	UserID  int64        `json:"user_id"`
	Label   string       `json:"label"`             // how the user named the contact, e.g. "@alice"
	Current *PhotoEntry  `json:"current,omitempty"` // nil when no personal photo is set (after a reset)
	History []PhotoEntry `json:"history,omitempty"` // earlier steps, newest first, capped at 50: what /undo walks back
	ResetAt time.Time    `json:"reset_at,omitzero"` // last reset, zero if none
	// AddedContact: Persona added the contact (add=yes), so /list can say
	// who put them into the contacts.
	AddedContact bool `json:"added_contact,omitempty"`

	// What Telegram said when last asked (users.getUsers).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	// Elsewhere is what happened outside Persona, found when Telegram was
	// asked: one of the Elsewhere* values, or "" when Telegram shows what
	// Persona recorded. ElsewhereAt is when it was first seen, and
	// ElsewherePhotoID the personal photo Telegram showed then, so a
	// second change in another app is seen as one.
	Elsewhere        string    `json:"elsewhere,omitempty"`
	ElsewhereAt      time.Time `json:"elsewhere_at,omitzero"`
	ElsewherePhotoID int64     `json:"elsewhere_photo_id,omitempty"`
}

// What another of the owner's apps, or the contact, did to the photo.
const (
	ElsewhereChanged = "changed" // replaced by another personal photo in another app
	ElsewhereRemoved = "removed" // removed in another app; the record was reset
	ElsewhereSet     = "set"     // set in another app after Persona had removed or never set one
	ElsewhereDeleted = "deleted" // the contact deleted their account
)

// Shown is what Telegram shows of a contact now (users.getUsers).
type Shown struct {
	PhotoID int64 // the personal photo; 0 for none
	Deleted bool  // the account was deleted
	Contact bool  // still in the owner's contacts
}

// TakenElsewhere reports whether the personal photo Telegram shows is no
// longer the one Persona set: changed or removed in another app, or the
// contact gone. A timer then leaves it as it is.
func (r PhotoRecord) TakenElsewhere(s Shown) bool {
	return r.Current == nil || s.Deleted || s.PhotoID != r.Current.PhotoID
}

// retire moves the step now to the front of History, keeping the cap: the
// current photo or, after a reset, that reset (so /undo can go back to it).
// A record that never had a photo nor a reset has no step to keep.
func (r *PhotoRecord) retire() {
	now := r.Current
	if now == nil && !r.ResetAt.IsZero() {
		now = &PhotoEntry{Kind: KindReset, SetAt: r.ResetAt}
	}
	if now == nil {
		return
	}
	r.History = append([]PhotoEntry{*now}, r.History...)
	if len(r.History) > maxHistory {
		r.History = r.History[:maxHistory]
	}
	r.Current = nil
}

// removeCurrent records the personal photo as removed at `at`: the photo
// becomes a step of History. A second reset is no new step.
func (r *PhotoRecord) removeCurrent(at time.Time) {
	if r.Current != nil {
		r.retire()
	}
	r.ResetAt = at
	r.clearElsewhere()
}

// stepBack makes the newest step of History the one now and forgets the
// one it leaves, so a second step back goes further instead of toggling:
// `restored` (that photo, re-uploaded) or, when nil, no photo, reset at `at`.
func (r *PhotoRecord) stepBack(restored *PhotoEntry, at time.Time) {
	if len(r.History) > 0 {
		r.History = r.History[1:]
	}
	r.Current = restored
	if restored == nil {
		r.ResetAt = at
	}
	r.clearElsewhere()
}

// SetPhoto makes e the contact's current photo; the old one (if any) moves to
// the front of History. An empty label keeps the one already recorded.
func (db *DB) SetPhoto(userID int64, label string, e PhotoEntry, steps ...Step) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, _ bool) bool {
		r.retire()
		r.Current = &e
		r.clearElsewhere()
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

// UndoPhoto goes one step back: the newest History step becomes the one
// now, as `restored` (the same entry, re-uploaded: new photo id and time)
// or, when restored is nil (the step was a reset, or there is none before),
// as no photo, reset at `at`. The step it leaves is forgotten, so a second
// undo goes back further instead of toggling. A record with no photo and
// no history has nothing to undo and stays as it is.
func (db *DB) UndoPhoto(userID int64, restored *PhotoEntry, at time.Time, steps ...Step) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, found bool) bool {
		if !found || (r.Current == nil && len(r.History) == 0) {
			return false
		}
		r.stepBack(restored, at)
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
		r.removeCurrent(at)
		return true
	}, steps...)
	if err != nil {
		return errors.Wrapf(err, "reset photo for %d", userID)
	}
	return nil
}

// SyncPhoto records what Telegram shows of the contact at `at`: a photo
// removed in another app resets the record, one replaced or set there is
// marked with its date, so the records tell the truth.
func (db *DB) SyncPhoto(userID int64, shown Shown, at time.Time) error {
	err := db.updatePhoto(userID, syncChange(shown, at))
	if err != nil {
		return errors.Wrapf(err, "sync photo for %d", userID)
	}
	return nil
}

// SyncPhotos is SyncPhoto for many contacts in one transaction (one disk
// sync, not one per contact). It returns the records in which this check
// found something new done outside Persona, in user id order.
func (db *DB) SyncPhotos(shown map[int64]Shown, at time.Time) ([]PhotoRecord, error) {
	var changed []PhotoRecord
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		changed = changed[:0]
		for userID, s := range shown {
			var after PhotoRecord
			change := syncChange(s, at)
			err := updatePhotoTx(tx, userID, func(r *PhotoRecord, found bool) bool {
				ok := change(r, found)
				after = *r
				return ok
			})
			if err != nil {
				return errors.Wrapf(err, "sync photo for %d", userID)
			}
			if after.Elsewhere != "" && after.ElsewhereAt.Equal(at) {
				changed = append(changed, after)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i].UserID < changed[j].UserID })
	return changed, nil
}

// syncChange records what Telegram shows for a contact.
func syncChange(s Shown, at time.Time) func(r *PhotoRecord, found bool) bool {
	return func(r *PhotoRecord, found bool) bool {
		if !found {
			return false
		}
		r.CheckedAt = at
		r.noteElsewhere(elsewhere(*r, s), s.PhotoID, at)
		if r.Elsewhere == ElsewhereRemoved && r.Current != nil {
			r.retire()
			r.ResetAt = at
		}
		return true
	}
}

// elsewhere names what Telegram shows, against the record.
func elsewhere(r PhotoRecord, s Shown) string {
	switch {
	case s.Deleted:
		return ElsewhereDeleted
	case r.Current == nil && s.PhotoID == 0 && r.Elsewhere == ElsewhereSet:
		return ElsewhereRemoved // set there, then removed there too
	case r.Current == nil && s.PhotoID == 0:
		return r.Elsewhere // as Persona or the last check left it
	case r.Current == nil:
		return ElsewhereSet
	case s.PhotoID == 0:
		return ElsewhereRemoved
	case s.PhotoID != r.Current.PhotoID:
		return ElsewhereChanged
	}
	return ""
}

// noteElsewhere records what is seen, dated when it first was.
func (r *PhotoRecord) noteElsewhere(what string, photoID int64, at time.Time) {
	if what == r.Elsewhere && photoID == r.ElsewherePhotoID {
		return
	}
	r.Elsewhere, r.ElsewherePhotoID, r.ElsewhereAt = what, photoID, at
	if what == "" {
		r.ElsewherePhotoID, r.ElsewhereAt = 0, time.Time{}
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
	before, wasCurrent := r.expiresAt(), r.Current != nil
	if !change(&r, found) {
		return nil
	}
	if err := changePhotoCount(tx, countOf(r.Current != nil)-countOf(wasCurrent)); err != nil {
		return err
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

func countOf(current bool) int {
	if current {
		return 1
	}
	return 0
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

func (db *DB) eachPhoto(fn func(PhotoRecord)) error {
	return db.bolt.View(func(tx *bbolt.Tx) error { return eachPhotoTx(tx, fn) })
}

func eachPhotoTx(tx *bbolt.Tx, fn func(PhotoRecord)) error {
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
}

// clearElsewhere forgets what other apps did: Persona has just set or
// removed the photo itself, so Telegram shows what the record says.
func (r *PhotoRecord) clearElsewhere() {
	r.Elsewhere, r.ElsewhereAt, r.ElsewherePhotoID = "", time.Time{}, 0
}

// ChangedElsewhere returns the records without a current photo that
// another app changed (a photo removed or set there), newest change first,
// for /list, which otherwise lists only the photos Persona set.
func (db *DB) ChangedElsewhere() ([]PhotoRecord, error) {
	var out []PhotoRecord
	err := db.eachPhoto(func(r PhotoRecord) {
		if r.Current == nil && r.Elsewhere != "" {
			out = append(out, r)
		}
	})
	if err != nil {
		return nil, errors.Wrap(err, "list photos changed elsewhere")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ElsewhereAt.After(out[j].ElsewhereAt) })
	return out, nil
}
