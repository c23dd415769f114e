package session

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/storage"
)

// scripted answers each call with the next error of its script.
type scripted struct {
	errs  []error
	calls int
}

func (s *scripted) Invoke(context.Context, bin.Encoder, bin.Decoder) error {
	s.calls++
	if len(s.errs) == 0 {
		return nil
	}
	err := s.errs[0]
	s.errs = s.errs[1:]
	return err
}

func openDB(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestFloodGateShortWaitIsSilent(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	defer db.Close()
	notified := false
	g := newFloodGate(db, zap.NewNop(), time.Now, func(string, time.Time) { notified = true })
	next := &scripted{errs: []error{tgerr.New(420, "FLOOD_WAIT_1")}}
	start := time.Now()
	if err := g.Handle(next)(context.Background(), &tg.HelpGetConfigRequest{}, nil); err != nil {
		t.Fatalf("after a short flood wait: %v", err)
	}
	if next.calls != 2 || time.Since(start) < time.Second || notified {
		t.Fatalf("calls %d after %s, notified %v: want a silent retry after 1 s", next.calls, time.Since(start), notified)
	}
	if _, ok, _ := db.Meta(floodMetaKey); ok {
		t.Fatal("a short flood wait was persisted")
	}
}

// TestFloodGateLongWaitSurvivesRestart: a 2 h wait is told, saved, and a
// new gate on the same database (a restarted daemon) does not call that
// method before the time, while other methods go on.
func TestFloodGateLongWaitSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db := openDB(t, path)
	var told []string
	notify := func(m string, _ time.Time) { told = append(told, m) }
	g := newFloodGate(db, zap.NewNop(), time.Now, notify)
	next := &scripted{errs: []error{tgerr.New(420, "FLOOD_WAIT_7200")}}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req := &tg.PhotosUploadContactProfilePhotoRequest{}
	if err := g.Handle(next)(ctx, req, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("during a 2 h flood wait: %v, want to wait until the context ends", err)
	}
	if next.calls != 1 || len(told) != 1 || told[0] != req.TypeName() {
		t.Fatalf("calls %d, told %q: want one call and one notice for %s", next.calls, told, req.TypeName())
	}
	_ = db.Close()

	db = openDB(t, path)
	defer db.Close()
	g = newFloodGate(db, zap.NewNop(), time.Now, notify)
	next = &scripted{}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	if err := g.Handle(next)(ctx2, req, nil); !errors.Is(err, context.DeadlineExceeded) || next.calls != 0 {
		t.Fatalf("after a restart: err %v, %d calls; want no call before the wait ends", err, next.calls)
	}
	if err := g.Handle(next)(context.Background(), &tg.HelpGetConfigRequest{}, nil); err != nil || next.calls != 1 {
		t.Fatalf("another method: err %v, %d calls; want it to go on", err, next.calls)
	}
	// Two hours later (a clock moved on), the method is called again.
	g.now = func() time.Time { return time.Now().Add(2*time.Hour + time.Minute) }
	if err := g.Handle(next)(context.Background(), req, nil); err != nil || next.calls != 2 {
		t.Fatalf("after the wait: err %v, %d calls", err, next.calls)
	}
}

func TestFloodGateGivesUp(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	defer db.Close()
	g := newFloodGate(db, zap.NewNop(), time.Now, nil)
	var errs []error
	for range floodRetries + 1 {
		errs = append(errs, tgerr.New(420, "FLOOD_WAIT_0"))
	}
	next := &scripted{errs: errs}
	err := g.Handle(next)(context.Background(), &tg.HelpGetConfigRequest{}, nil)
	if _, ok := tgerr.AsFloodWait(err); !ok || next.calls != floodRetries+1 {
		t.Fatalf("err %v after %d calls, want the flood wait after %d", err, next.calls, floodRetries+1)
	}
}

// TestFloodWait: only FLOOD_WAIT_X and FLOOD_PREMIUM_WAIT_X of code 420
// are waits; other 420s are errors with their own names.
func TestFloodWait(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want time.Duration
		ok   bool
	}{
		{tgerr.New(420, "FLOOD_WAIT_7"), 7 * time.Second, true},
		{tgerr.New(420, "FLOOD_PREMIUM_WAIT_3"), 3 * time.Second, true},
		{tgerr.New(420, "FLOOD_WAIT_0"), 0, true},
		{tgerr.New(420, "FROZEN_METHOD_INVALID"), 0, false},
		{tgerr.New(420, "SOME_OTHER_420"), 0, false},
		{tgerr.New(420, "FLOOD_WAIT"), 0, false},
		{tgerr.New(420, "FLOOD_WAIT_X_5"), 0, false},
		{tgerr.New(400, "FLOOD_WAIT_5"), 0, false},
		{errors.New("FLOOD_WAIT_5"), 0, false},
		{nil, 0, false},
	} {
		d, ok := floodWait(tt.err)
		if d != tt.want || ok != tt.ok {
			t.Errorf("floodWait(%v) = %s, %v; want %s, %v", tt.err, d, ok, tt.want, tt.ok)
		}
	}
}

// TestFloodGateOther420NotAWait: an unknown 420 is answered at once, as
// Telegram named it, and not tried again as a wait of 0 s.
func TestFloodGateOther420NotAWait(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	defer db.Close()
	g := newFloodGate(db, zap.NewNop(), time.Now, nil)
	next := &scripted{errs: []error{tgerr.New(420, "FLOOD_WAIT"), tgerr.New(420, "SOME_OTHER_420")}}
	for _, want := range []string{"FLOOD_WAIT", "SOME_OTHER_420"} {
		err := g.Handle(next)(context.Background(), &tg.MessagesSendMessageRequest{}, nil)
		if rpc, ok := tgerr.As(err); !ok || rpc.Message != want {
			t.Fatalf("got %v, want Telegram's %s", err, want)
		}
	}
	if next.calls != 2 {
		t.Fatalf("%d calls, want each error answered once", next.calls)
	}
}
