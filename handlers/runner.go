package handlers

import (
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/archive"
	"persona/media"
)

// runner is what a command runs with. It is made once the session is
// authorised, so nothing in it changes while commands run.
type runner struct {
	settings
	stores
	account
	shared
	lg *zap.Logger
}

// settings are the configuration commands read.
type settings struct {
	prefix  string
	version string
	started time.Time
	now     func() time.Time // in the zone
	zone    zone
}

// stores are the database, as each part of it is used.
type stores struct {
	journal journal
	records records
	timers  timers
	peers   peers
	bulk    bulkStore
	watches watches
	// archive keeps the copies of watched contacts' photos, and of photos
	// set elsewhere that /reset all removes (bulkarchive.go).
	archive *archive.Archive
}

// account is the logged-in account's side of Telegram.
type account struct {
	api      *tg.Client
	self     *tg.User
	transfer *media.Transfer
	sender   *sender
}

// shared is what commands share with each other and with the Router.
type shared struct {
	channels *channelHashes // access hashes of channels seen, for replies quoting them
	contacts *contactList   // the contact list's reads, shared by commands at once
	lastErr  *atomic.Value  // string: the last error, for /status
	frozen   *frozenState   // whether the account is frozen, for /status
	timerSet func()         // a timed photo was set: the worker sleeps until the right timer
	// othersWaiting reports that commands wait to run: a bulk job then
	// gives way (bulk.go).
	othersWaiting func() bool
	uploads       *uploadCache // a bulk job's generated pictures, uploaded once each
	watching      *watchFlags  // the watches' upkeep due (watching.go)
}

// noteError keeps err as the last error /status shows.
func (r *runner) noteError(err error) {
	r.lastErr.Store(r.zone.at(r.now()) + " " + err.Error())
}

// timersChanged wakes the worker so it sleeps until the right next timer.
func (r *runner) timersChanged() {
	if r.timerSet != nil {
		r.timerSet()
	}
}
