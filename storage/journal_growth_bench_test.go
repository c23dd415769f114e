package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A month of commands, as issue 26's journal-growth target counts them:
// 100,000 in 30 days, each to one of a heavy user's 300 contacts.
const (
	monthCommands = 100_000
	monthContacts = 300
	journalKept   = 30 * 24 * time.Hour // as handlers keeps done commands
)

// BenchmarkJournalMonth journals a month of commands as the daemon does
// (Begin; the photo change with its step; Finish with the reply's id and
// first line), pruning once a day as a daily start would (done commands
// older than 30 days), and reports the database file's size at the end.
// Syncs are off: they change the time, not the file.
func BenchmarkJournalMonth(b *testing.B) {
	var size, pruned float64
	for b.Loop() {
		db, err := Open(filepath.Join(b.TempDir(), "persona.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.bolt.NoSync = true
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		n, err := journalMonth(db, start)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		info, err := os.Stat(db.Path())
		if err != nil {
			b.Fatal(err)
		}
		size, pruned = float64(info.Size())/(1<<20), float64(n)
	}
	b.ReportMetric(size, "MiB-db")
	b.ReportMetric(pruned, "pruned")
}

// journalMonth writes monthCommands commands spread evenly over 30 days
// from start, pruning at each day's start, and returns how many entries
// the prunes deleted.
func journalMonth(db *DB, start time.Time) (int, error) {
	gap := 30 * 24 * time.Hour / monthCommands
	pruned, day := 0, -1
	for i := range monthCommands {
		at := start.Add(time.Duration(i) * gap)
		if d := int(at.Sub(start) / (24 * time.Hour)); d != day {
			day = d
			n, err := db.Prune(at.Add(-journalKept))
			if err != nil {
				return pruned, err
			}
			pruned += n
		}
		if err := journalOne(db, i, at); err != nil {
			return pruned, err
		}
	}
	return pruned, nil
}

// journalOne is one /setphoto of a contact, from the command (message id
// 2i+1) to its reply (2i+2), as the daemon journals it.
func journalOne(db *DB, i int, at time.Time) error {
	msgID, replyID := 2*i+1, 2*i+2
	user := int64(1_000_000 + i%monthContacts)
	label := fmt.Sprintf("@user%d", user)
	if _, err := db.Begin(msgID, "/setphoto "+label, at); err != nil {
		return err
	}
	e := PhotoEntry{Kind: "photo", SourceMsgID: msgID, CommandID: msgID, PhotoID: int64(5_000_000 + i), SetAt: at}
	line := "✅ " + label + ": personal photo set"
	if err := db.SetPhoto(user, label, e, Step{MsgID: msgID, Index: 0, OK: true, Line: line}); err != nil {
		return err
	}
	return db.Finish(msgID, replyID, line, at.Add(time.Second))
}
