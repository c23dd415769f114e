package storage

import (
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// MaxCopies is how many of a watched contact's photos the archive keeps:
// the newest ones, enough to recognise them by, bounded so the folder does
// not grow for months.
const MaxCopies = 10

// Watch is a contact whose own profile photo Persona watches (/watch).
type Watch struct {
	UserID int64     `json:"user_id"`
	Label  string    `json:"label"` // how the owner named them, e.g. "@alice"
	Since  time.Time `json:"since"`
	// PhotoID is their photo as Persona last saw it; 0 is none.
	PhotoID int64 `json:"photo_id,omitempty"`
	// Copies are the archived photos, oldest first, at most MaxCopies.
	Copies []Copy `json:"copies,omitempty"`
	// Unseen marks a watch whose own photo Persona has not looked at yet
	// (`/watch all` takes the contact list, which shows a personal photo
	// instead of theirs): the first look takes it as seen, with no notice.
	Unseen bool `json:"unseen,omitempty"`
}

// Copy is one of a watched contact's own photos, kept in the archive.
type Copy struct {
	PhotoID int64     `json:"photo_id"`
	Date    time.Time `json:"date"` // when the contact set it
	File    string    `json:"file"` // the archive's name for its bytes
	Video   bool      `json:"video,omitempty"`
	// W, H, Frame and Duration describe a video photo: its size, the
	// cover frame's time and the clip's length in seconds, for the notice
	// to send it as a video. Duration 0: a copy kept before it was.
	W        int     `json:"w,omitempty"`
	H        int     `json:"h,omitempty"`
	Frame    float64 `json:"frame,omitempty"`
	Duration float64 `json:"duration,omitempty"`
}

// Current is the copy of the photo Persona last saw, if it was archived.
func (w Watch) Current() (Copy, bool) {
	if n := len(w.Copies); n > 0 && w.Copies[n-1].PhotoID == w.PhotoID && w.PhotoID != 0 {
		return w.Copies[n-1], true
	}
	return Copy{}, false
}

// NeedsCopy says whether their current photo is still to be archived, or
// looked at (Unseen).
func (w Watch) NeedsCopy() bool {
	_, ok := w.Current()
	return w.Unseen || (w.PhotoID != 0 && !ok)
}

// AddWatch starts watching w.UserID, or, when already watched, keeps the
// earlier Since, Copies and the photo last seen. The command's steps are recorded in the same
// transaction, so a watch is never recorded half.
func (db *DB) AddWatch(w Watch, steps ...Step) error {
	return db.update("add watch", func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		var old Watch
		found, err := getJSON(b, key(w.UserID), &old)
		if err != nil {
			return err
		}
		if found {
			// What Persona saw stands: taking a new photo id here would
			// skip the notice of a change.
			w.Since, w.Copies, w.PhotoID, w.Unseen = old.Since, old.Copies, old.PhotoID, old.Unseen
		}
		if err := putJSON(b, key(w.UserID), w); err != nil {
			return err
		}
		return putSteps(tx, steps)
	})
}

// AddWatches starts watching each of ws not watched yet, in one
// transaction (`/watch all` of thousands of contacts), and returns how many
// were new. A contact already watched keeps its watch as it is.
func (db *DB) AddWatches(ws []Watch) (added int, err error) {
	err = db.update("add watches", func(tx *bbolt.Tx) error {
		added = 0
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		for _, w := range ws {
			if b.Get(key(w.UserID)) != nil {
				continue
			}
			if err := putJSON(b, key(w.UserID), w); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

// RemoveWatch stops watching userID. It returns the archive files no
// other watch uses, for the caller to delete.
func (db *DB) RemoveWatch(userID int64, steps ...Step) (unused []string, err error) {
	err = db.update("remove watch", func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		var w Watch
		found, err := getJSON(b, key(userID), &w)
		if err != nil || !found {
			return errors.Join(err, putSteps(tx, steps))
		}
		if err := b.Delete(key(userID)); err != nil {
			return err
		}
		unused, err = unusedFiles(b, w.Copies)
		if err != nil {
			return err
		}
		return putSteps(tx, steps)
	})
	return unused, err
}

// Watched returns the watch of userID, if any.
func (db *DB) Watched(userID int64) (Watch, bool, error) {
	var (
		w     Watch
		found bool
	)
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		found, err = getJSON(b, key(userID), &w)
		return err
	})
	if err != nil {
		return Watch{}, false, errors.Wrap(err, "watched")
	}
	return w, found, nil
}

// Watches lists every watch, by user id.
func (db *DB) Watches() ([]Watch, error) {
	var out []Watch
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		return b.ForEach(func(_, v []byte) error {
			var w Watch
			if err := decode(v, &w); err != nil {
				return err
			}
			out = append(out, w)
			return nil
		})
	})
	if err != nil {
		return nil, errors.Wrap(err, "watches")
	}
	return out, nil
}

// AddCopy records c as the archived copy of userID's current photo and
// drops the oldest copies past MaxCopies. It returns the archive files no
// watch uses any more, for the caller to delete. A contact no longer
// watched gets no copy: its file is returned as unused.
func (db *DB) AddCopy(userID int64, c Copy) (unused []string, err error) {
	err = db.update("add copy", func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWatches)
		if err != nil {
			return err
		}
		var w Watch
		found, err := getJSON(b, key(userID), &w)
		if err != nil {
			return err
		}
		if !found {
			unused, err = unusedFiles(b, []Copy{c})
			return err
		}
		dropped := w.addCopy(c)
		if err := putJSON(b, key(userID), w); err != nil {
			return err
		}
		unused, err = unusedFiles(b, dropped)
		return err
	})
	return unused, err
}

// addCopy appends c (replacing an older copy of the same photo) and
// returns the copies dropped past MaxCopies.
func (w *Watch) addCopy(c Copy) (dropped []Copy) {
	kept := w.Copies[:0:0]
	for _, old := range w.Copies {
		if old.PhotoID != c.PhotoID {
			kept = append(kept, old)
		} else if old.File != c.File {
			dropped = append(dropped, old)
		}
	}
	kept = append(kept, c)
	if over := len(kept) - MaxCopies; over > 0 {
		dropped = append(dropped, kept[:over]...)
		kept = kept[over:]
	}
	w.Copies = kept
	w.PhotoID = c.PhotoID
	w.Unseen = false
	return dropped
}

// unusedFiles are the files of copies that no watch in b names.
func unusedFiles(b *bbolt.Bucket, copies []Copy) ([]string, error) {
	if len(copies) == 0 {
		return nil, nil
	}
	inUse := map[string]bool{}
	err := b.ForEach(func(_, v []byte) error {
		var w Watch
		if err := decode(v, &w); err != nil {
			return err
		}
		for _, c := range w.Copies {
			inUse[c.File] = true
		}
		return nil
	})
	var unused []string
	for _, c := range copies {
		if c.File != "" && !inUse[c.File] {
			unused = append(unused, c.File)
			inUse[c.File] = true // once
		}
	}
	return unused, err
}

// update runs fn in a read-write transaction, naming what failed.
func (db *DB) update(what string, fn func(tx *bbolt.Tx) error) error {
	if err := db.bolt.Update(fn); err != nil {
		return errors.Wrap(err, what)
	}
	return nil
}

func putSteps(tx *bbolt.Tx, steps []Step) error {
	for _, s := range steps {
		if err := putStep(tx, s); err != nil {
			return err
		}
	}
	return nil
}

// metaWatchAll holds, while `/watch all` stands, the time it was given.
const metaWatchAll = "watch_all_since"

// SetWatchAll records that `/watch all` stands from since, so contacts
// added later are watched too; the zero time ends it (`/unwatch all`).
func (db *DB) SetWatchAll(since time.Time) error {
	return db.update("watch all", func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if since.IsZero() {
			return b.Delete([]byte(metaWatchAll))
		}
		return b.Put([]byte(metaWatchAll), []byte(since.UTC().Format(time.RFC3339Nano)))
	})
}

// WatchAll returns since when `/watch all` stands, if it does.
func (db *DB) WatchAll() (time.Time, bool, error) {
	v, found, err := db.Meta(metaWatchAll)
	if err != nil || !found {
		return time.Time{}, false, err
	}
	since, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, false, errors.Wrap(err, "watch all: damaged time")
	}
	return since, true, nil
}
