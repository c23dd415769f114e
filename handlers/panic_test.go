package handlers

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"

	"persona/storage"
)

// panicky is a Telegram whose every method but sendMessage panics, as a bug
// deep inside a call (gotd's or ours, on an answer nobody expected) would.
// The panic happens on the goroutine that makes the call: the command's own,
// or one the command started.
type panicky struct {
	mu      sync.Mutex
	sent    []*tg.MessagesSendMessageRequest
	replyOf int // sending the reply to this command panics too
}

const panicValue = "test: Telegram answered the impossible"

func (p *panicky) Invoke(_ context.Context, input bin.Encoder, output bin.Decoder) error {
	req, ok := input.(*tg.MessagesSendMessageRequest)
	if !ok {
		panic(fmt.Sprintf("%s (%T)", panicValue, input))
	}
	p.mu.Lock()
	if r, ok := req.ReplyTo.(*tg.InputReplyToMessage); ok && r.ReplyToMsgID == p.replyOf && p.replyOf != 0 {
		p.mu.Unlock()
		panic(fmt.Sprintf("%s (the reply to %d)", panicValue, p.replyOf))
	}
	p.sent = append(p.sent, req)
	id := 1000 + len(p.sent)
	p.mu.Unlock()
	var b bin.Buffer
	if err := (&tg.UpdateShortSentMessage{ID: id, Date: 1}).Encode(&b); err != nil {
		return err
	}
	return output.Decode(&b)
}

// replyTo waits for the reply to command id and returns its text.
func (p *panicky) replyTo(t *testing.T, id int) string {
	t.Helper()
	var text string
	eventually(t, func() bool {
		var ok bool
		text, ok = p.sentReplyTo(id)
		return ok
	}, func() string { return fmt.Sprintf("no reply to command %d", id) })
	return text
}

// sentReplyTo is the text of the reply to command id, once it is sent.
func (p *panicky) sentReplyTo(id int) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, req := range p.sent {
		if r, ok := req.ReplyTo.(*tg.InputReplyToMessage); ok && r.ReplyToMsgID == id {
			return req.Message, true
		}
	}
	return "", false
}

const owner = 1

// startPanicky runs a Router on a real database against a panicky Telegram;
// prepare may fill the database first.
func startPanicky(t *testing.T, prepare func(db *storage.DB)) (*Router, *panicky, *observer.ObservedLogs) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if prepare != nil {
		prepare(db)
	}
	core, logs := observer.New(zap.InfoLevel)
	r := New(Options{DB: db, Logger: zap.New(core), Version: "test"})
	tgAPI := &panicky{}
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx, tg.NewClient(tgAPI), &tg.User{ID: owner, FirstName: "Owner"}, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); r.Wait() }) // before the database closes
	return r, tgAPI, logs
}

// sendCommand hands the router the owner's message id with text.
func sendCommand(t *testing.T, r *Router, id int, text string) {
	t.Helper()
	msg := &tg.Message{ID: id, Out: true, PeerID: &tg.PeerUser{UserID: owner}, Message: text}
	if err := r.OnNewMessage(context.Background(), tg.Entities{}, &tg.UpdateNewMessage{Message: msg}); err != nil {
		t.Fatal(err)
	}
}

// withPeer: the peer cache knows @alice, so a command for her makes its
// first call to Telegram on its own goroutine.
func withPeer(db *storage.DB) {
	if err := db.SavePeer(storage.Peer{ID: 42, AccessHash: 7, Username: "alice"}); err != nil {
		panic(err)
	}
}

// withRecord: @alice has a personal photo by our record, so /list and the
// check at start-up ask Telegram about her, four at a time on goroutines.
func withRecord(syncedNow bool) func(db *storage.DB) {
	return func(db *storage.DB) {
		if err := db.SavePeer(storage.Peer{ID: 42, AccessHash: 7, Username: "alice"}); err != nil {
			panic(err)
		}
		if err := db.SetPhoto(42, "@alice", storage.PhotoEntry{Kind: kindPhoto, PhotoID: 9, SetAt: time.Now()}); err != nil {
			panic(err)
		}
		if syncedNow { // no check at start-up: only /list asks
			if err := db.SetMeta(metaLastSync, time.Now().Format(time.RFC3339)); err != nil {
				panic(err)
			}
		}
	}
}

// TestPanicInCommand: a command that panics on its own goroutine is
// answered "❌ internal error"; one whose goroutine panics (/list's check
// with Telegram) gets that goroutine's error: the list, and an internal
// error where the check's outcome would be. Either way the panic is
// logged with its stack, /status tells of it, and the next command runs.
func TestPanicInCommand(t *testing.T) {
	for _, tt := range []struct {
		name      string
		prepare   func(db *storage.DB)
		text      string
		reply     string // how the answer begins
		lastError string
		logged    string
	}{
		{"on the command's goroutine", withPeer, "/reset @alice", "❌ internal error", "panic in command 10", "Panic"},
		{"in the contact list's read", nil, "/reset @alice", "❌ @alice: failed (internal error", "panic in the contact list's read", "Panic"},
		{"on a goroutine the command started", withRecord(true), "/list", "✅ 1 contact", "panic in the check of a batch of records", "Panic"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, tgAPI, logs := startPanicky(t, tt.prepare)
			sendCommand(t, r, 10, tt.text)
			got := tgAPI.replyTo(t, 10)
			if !strings.HasPrefix(got, tt.reply) || strings.Contains(got, "panic") {
				t.Errorf("panicking command answered %q, want %s and no panic in the chat", got, tt.reply)
			}
			if tt.logged == "Panic" && !strings.Contains(got, "internal error") {
				t.Errorf("the failed check is not told as an internal error: %q", got)
			}
			sendCommand(t, r, 11, "/status")
			status := tgAPI.replyTo(t, 11)
			if !strings.HasPrefix(status, "✅") || !strings.Contains(status, tt.lastError) {
				t.Errorf("/status after the panic: %q, want ✅ and the panic as the last error", status)
			}
			checkPanicLogged(t, logs, tt.logged)
		})
	}
}

// TestPanicOutsideCommand: the worker's own jobs (the check of the records
// with Telegram at start-up) survive a panic too: it is logged with its
// stack and commands are answered.
func TestPanicOutsideCommand(t *testing.T) {
	r, tgAPI, logs := startPanicky(t, withRecord(false))
	sendCommand(t, r, 10, "/status")
	if got := tgAPI.replyTo(t, 10); !strings.HasPrefix(got, "✅") {
		t.Fatalf("/status after a panic at start-up: %q", got)
	}
	checkPanicLogged(t, logs, "Panic")
}

// checkPanicLogged: one error entry with msg says what panicked and where.
func checkPanicLogged(t *testing.T, logs *observer.ObservedLogs, msg string) {
	t.Helper()
	entries := logs.FilterMessage(msg).All()
	if len(entries) == 0 {
		t.Fatalf("no %q in the log: %v", msg, logs.All())
	}
	fields := entries[0].ContextMap()
	if p := fmt.Sprint(fields["panic"]); !strings.Contains(p, panicValue) {
		t.Errorf("logged panic %q, want the panic's value", p)
	}
	// The frame that panicked must be in the stack, also when it was another
	// goroutine than the one that recovered.
	if s := fmt.Sprint(fields["stack"]) + fmt.Sprint(fields["panic"]); !strings.Contains(s, "(*panicky).Invoke") {
		t.Errorf("logged stack does not show where it panicked:\n%s", s)
	}
}

// TestPanicOutsideRun: a panic in the work around a command (here fetching
// a resumed command's message) is logged and the command retried, instead
// of ending the daemon.
func TestPanicOutsideRun(t *testing.T) {
	_, _, logs := startPanicky(t, func(db *storage.DB) {
		if _, err := db.Begin(5, "/status", time.Now()); err != nil {
			panic(err)
		}
		withRecord(true)(db)
	})
	eventually(t, func() bool {
		return len(logs.FilterMessage("Panic").FilterField(zap.String("in", "the command")).All()) >= 2
	}, func() string {
		return fmt.Sprintf("want the resumed command's panic logged and retried; log: %v", logs.All())
	})
	checkPanicLogged(t, logs, "Panic")
}

// TestPanicInReplyPath: a command whose reply panics every time it is sent
// does not hold the commands behind it: they are answered at once, while
// it is tried again later with a growing delay.
func TestPanicInReplyPath(t *testing.T) {
	r, tgAPI, logs := startPanicky(t, nil)
	tgAPI.mu.Lock()
	tgAPI.replyOf = 10
	tgAPI.mu.Unlock()
	sendCommand(t, r, 10, "/status")
	sendCommand(t, r, 11, "/help")
	sendCommand(t, r, 12, "/status")
	for _, id := range []int{11, 12} {
		if got := tgAPI.replyTo(t, id); !strings.HasPrefix(got, "✅") {
			t.Errorf("command %d behind the failing one: %q", id, got)
		}
	}
	eventually(t, func() bool {
		return len(logs.FilterMessage("Command failed; will retry").FilterField(zap.Int("msg_id", 10)).All()) > 0
	}, func() string {
		return fmt.Sprintf("the failing command is not scheduled again; log: %v", logs.All())
	})
	e, _, err := r.journal.Entry(10)
	if err != nil || e.State != storage.StateReceived || e.Attempts == 0 || e.NextTry.IsZero() {
		t.Errorf("journal of the failing command: %+v, %v; want pending with its attempts and next try", e, err)
	}
}
