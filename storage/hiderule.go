package storage

import (
	"time"

	"github.com/go-faster/errors"
)

// metaHideAll holds, while the standing `/hide all` rule stands, the time
// it was given.
const metaHideAll = "hide_all_since"

// SetHideAll records that `/hide all` stands from since, so contacts added
// later are hidden too; the zero time ends it (`/reset all`).
func (db *DB) SetHideAll(since time.Time) error {
	if since.IsZero() {
		return db.DeleteMeta(metaHideAll)
	}
	return db.SetMeta(metaHideAll, since.UTC().Format(time.RFC3339Nano))
}

// HideAll returns since when `/hide all` stands, if it does.
func (db *DB) HideAll() (time.Time, bool, error) {
	v, found, err := db.Meta(metaHideAll)
	if err != nil || !found {
		return time.Time{}, false, err
	}
	since, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, false, errors.Wrap(err, "hide all: damaged time")
	}
	return since, true, nil
}
