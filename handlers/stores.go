package handlers

import (
	"time"

	"persona/storage"
)

// The stores each part of the package needs, declared where they are used;
// *storage.DB has them all, and a test can hand in a fake of one.

// journal is the record of every command: begun, answered, retried, and
// the messages that are ours.
type journal interface {
	Begin(msgID int, text string, at time.Time) (bool, error)
	Finish(msgID, replyID int, outcome string, at time.Time) error
	Retry(msgID int, reason string, at, next time.Time) (storage.JournalEntry, error)
	Entry(msgID int) (storage.JournalEntry, bool, error)
	Pending() ([]storage.JournalEntry, error)
	Prune(before time.Time) (int, error)
	IsReply(msgID int) (bool, error)
	MarkProgress(msgID int) error
	SetReply(msgID, replyID int) error
	AddReplyParts(msgID int, ids ...int) error
	RepliesDeleted(ids ...int) ([]int, error)
	RenewReply(msgID, replyID int) (storage.JournalEntry, error)
	RecordStep(s storage.Step) error
	Steps(msgID int) (map[int]storage.Step, error)
	RaiseFloor(msgID int) error
	Floor() (floor int, found bool, err error)
	SetCatchUp(pending bool) error
	CatchUpPending() (bool, error)
	CatchUpFrom() (from int, found bool, err error)
}

// records are the personal photos set, one record per contact.
type records interface {
	SetPhoto(userID int64, label string, e storage.PhotoEntry, steps ...storage.Step) error
	UndoPhoto(userID int64, restored *storage.PhotoEntry, at time.Time, steps ...storage.Step) error
	ResetPhoto(userID int64, at time.Time, steps ...storage.Step) error
	SyncPhotos(shown map[int64]storage.Shown, at time.Time) ([]storage.PhotoRecord, error)
	SyncPhoto(userID int64, shown storage.Shown, at time.Time) error
	ChangedElsewhere() ([]storage.PhotoRecord, error)
	Photo(userID int64) (storage.PhotoRecord, bool, error)
	Photos() ([]storage.PhotoRecord, error)
	CountPhotos() (int, error)
	HideAll() (since time.Time, on bool, err error)
	SetHideAll(since time.Time) error
	Meta(name string) (string, bool, error)
	SetMeta(name, value string) error
}

// timers are the photos set with for=, by when they run out.
type timers interface {
	NextTimer() (storage.Timer, bool, error)
	ExpirePhoto(userID int64, commandID int, restored *storage.PhotoEntry, at time.Time) error
	StopTimer(userID int64, commandID int) error
	DropTimer(t storage.Timer) error
}

// peers is the cache of users the commands named.
type peers interface {
	SavePeer(p storage.Peer) error
	SavePeers(ps []storage.Peer) error
	PeerByID(id int64) (storage.Peer, bool, error)
	PeerByUsername(username string) (storage.Peer, bool, error)
	PeerByPhone(phone string) (storage.Peer, bool, error)
	ForgetPeer(id int64) error
	ForgetUsername(username string) error
}

// bulkStore holds the bulk jobs and the contact list they start from.
type bulkStore interface {
	StartBulk(job storage.BulkJob, contacts []storage.Contact) (bool, error)
	StartBulkItems(job storage.BulkJob, items []storage.BulkItem) (bool, error)
	Bulk(msgID int) (storage.BulkJob, []storage.BulkItem, bool, error)
	MarkBulkStarted(msgID int, indexes []int) error
	SkipBulk(msgID int, indexes []int, why string) error
	NoteBulkArchived(msgID, index int, a storage.Archived) error
	FinishBulk(msgID int) error
	LastBulk() (int, bool, error)
	SaveContactList(l storage.ContactList) error
	ContactList() (storage.ContactList, bool, error)
}

// watches are the contacts whose own photo Persona watches (/watch), the
// index of their archived copies, and the notices of their changes.
type watches interface {
	AddWatch(w storage.Watch, steps ...storage.Step) error
	AddWatches(ws []storage.Watch) (int, error)
	RemoveWatch(userID int64, steps ...storage.Step) ([]string, error)
	Watched(userID int64) (storage.Watch, bool, error)
	Watches() ([]storage.Watch, error)
	AddCopy(userID int64, c storage.Copy) ([]string, error)
	SetWatchAll(since time.Time) error
	WatchAll() (time.Time, bool, error)
	NoteChange(userID, photoID int64, at time.Time) (storage.Notice, bool, error)
	PendingNotices() ([]storage.Notice, error)
	NoticeSent(seq uint64) error
}

// Store is every store the handlers use; *storage.DB is one.
type Store interface {
	journal
	records
	timers
	peers
	bulkStore
	watches
}

var _ Store = (*storage.DB)(nil)
