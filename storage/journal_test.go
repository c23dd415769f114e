package storage

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// What the command router needs.
var _ interface {
	Begin(int, string, time.Time) (bool, error)
	Finish(int, int, string, time.Time) error
	Entry(int) (JournalEntry, bool, error)
	Pending() ([]JournalEntry, error)
	IsReply(int) (bool, error)
	Prune(time.Time) (int, error)
} = (*DB)(nil)

func TestBeginOnce(t *testing.T) {
	db := openTest(t)
	steps := []struct {
		name   string
		do     func() (bool, error)
		want   bool
		wantSt JournalState
	}{
		{"first begin", func() (bool, error) { return db.Begin(10, ".setphoto @alice", t0) }, true, StateReceived},
		{"begin again", func() (bool, error) { return db.Begin(10, "changed", t0.Add(time.Hour)) }, false, StateReceived},
		{"finish", func() (bool, error) { return true, db.Finish(10, 11, "ok", t0.Add(time.Minute)) }, true, StateDone},
		{"begin after done", func() (bool, error) { return db.Begin(10, ".setphoto @alice", t0) }, false, StateDone},
	}
	for _, s := range steps {
		got, err := s.do()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got != s.want {
			t.Errorf("%s = %v, want %v", s.name, got, s.want)
		}
		e, found, err := db.Entry(10)
		if err != nil || !found {
			t.Fatalf("%s: Entry = %v, %v", s.name, found, err)
		}
		if e.State != s.wantSt || e.Text != ".setphoto @alice" || !e.ReceivedAt.Equal(t0) {
			t.Errorf("%s: entry = %+v", s.name, e)
		}
	}
}

func TestFinish(t *testing.T) {
	db := openTest(t)
	if err := db.Finish(5, 6, "ok", t0); err == nil {
		t.Error("finish of an unknown command succeeded")
	}
	if _, err := db.Begin(5, ".reset @bob", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(5, 6, "error: no such user\n\ndetails", t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	want := JournalEntry{
		MsgID: 5, State: StateDone, Text: ".reset @bob", ReceivedAt: t0,
		DoneAt: t0.Add(time.Second), ReplyID: 6, Outcome: "error: no such user",
	}
	db = reopen(t, db)
	got, found, err := db.Entry(5)
	if err != nil || !found || !reflect.DeepEqual(got, want) {
		t.Errorf("Entry = %+v, %v, %v; want %+v", got, found, err, want)
	}
	tests := []struct {
		id   int
		want bool
	}{{6, true}, {5, false}, {7, false}}
	for _, tt := range tests {
		if got, err := db.IsReply(tt.id); err != nil || got != tt.want {
			t.Errorf("IsReply(%d) = %v, %v; want %v", tt.id, got, err, tt.want)
		}
	}
	// A retried finish with a new reply id moves the index.
	if err := db.Finish(5, 8, "ok", t0.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	if old, _ := db.IsReply(6); old {
		t.Error("old reply id still indexed")
	}
	if now, _ := db.IsReply(8); !now {
		t.Error("new reply id not indexed")
	}
}

func TestPending(t *testing.T) {
	db := openTest(t)
	for _, id := range []int{300, 20, 1000, 1, 256} { // 256 and 1 differ only past the low byte
		if _, err := db.Begin(id, "cmd", t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Finish(20, 21, "ok", t0); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, db *DB) {
		list, err := db.Pending()
		if err != nil {
			t.Fatal(err)
		}
		var ids []int
		for _, e := range list {
			ids = append(ids, e.MsgID)
		}
		if want := []int{1, 256, 300, 1000}; !reflect.DeepEqual(ids, want) {
			t.Errorf("Pending = %v, want %v", ids, want)
		}
	}
	check(t, db)
	t.Run("after reopen", func(t *testing.T) { check(t, reopen(t, db)) })
}

func TestPrune(t *testing.T) {
	db := openTest(t)
	cutoff := t0.Add(time.Hour)
	entries := []struct {
		id, reply int
		doneAt    time.Time // zero: still pending
		wantKept  bool
	}{
		{id: 1, reply: 2, doneAt: t0, wantKept: false},
		{id: 3, reply: 4, doneAt: cutoff.Add(-time.Nanosecond), wantKept: false},
		{id: 5, reply: 6, doneAt: cutoff, wantKept: true},
		{id: 7, reply: 8, doneAt: cutoff.Add(time.Hour), wantKept: true},
		{id: 9, wantKept: true},
	}
	for _, e := range entries {
		if _, err := db.Begin(e.id, "cmd", t0); err != nil {
			t.Fatal(err)
		}
		if !e.doneAt.IsZero() {
			if err := db.Finish(e.id, e.reply, "ok", e.doneAt); err != nil {
				t.Fatal(err)
			}
		}
	}
	n, err := db.Prune(cutoff)
	if err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v; want 2", n, err)
	}
	db = reopen(t, db)
	for _, e := range entries {
		_, found, err := db.Entry(e.id)
		if err != nil || found != e.wantKept {
			t.Errorf("entry %d found = %v, %v; want %v", e.id, found, err, e.wantKept)
		}
		if e.reply == 0 {
			continue
		}
		if isReply, err := db.IsReply(e.reply); err != nil || isReply != e.wantKept {
			t.Errorf("IsReply(%d) = %v, %v; want %v", e.reply, isReply, err, e.wantKept)
		}
	}
	if n, err := db.Prune(cutoff); err != nil || n != 0 {
		t.Errorf("second Prune = %d, %v; want 0", n, err)
	}
}

func TestBeginTruncatesText(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		wantLen int
	}{
		{"short", "hello", 5},
		{"exact", strings.Repeat("a", maxJournalText), maxJournalText},
		{"long ascii", strings.Repeat("a", maxJournalText+10), maxJournalText},
		{"long multibyte", "a" + strings.Repeat("é", maxJournalText), maxJournalText - 1},
	}
	db := openTest(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := db.Begin(i+1, tt.text, t0); err != nil {
				t.Fatal(err)
			}
			e, _, err := db.Entry(i + 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Text) != tt.wantLen || !utf8.ValidString(e.Text) || !strings.HasPrefix(tt.text, e.Text) {
				t.Errorf("stored %d bytes (valid %v), want %d", len(e.Text), utf8.ValidString(e.Text), tt.wantLen)
			}
		})
	}
}
