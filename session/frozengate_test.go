package session

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

func frozenErr() error { return tgerr.New(420, "FROZEN_METHOD_INVALID") }

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// notices records what the gate tells the app.
type notices struct {
	mu               sync.Mutex
	frozen, unfrozen int
}

func (n *notices) OnFrozen(_, _ time.Time) { n.mu.Lock(); n.frozen++; n.mu.Unlock() }
func (n *notices) OnUnfrozen()             { n.mu.Lock(); n.unfrozen++; n.mu.Unlock() }

// TestFrozenGate: after Telegram's FROZEN_METHOD_INVALID, that method is
// refused here for an hour, other methods still go out, one call an hour
// is let through, the state survives a restart, and a probe that goes
// through ends it. The first refusal is logged once.
func TestFrozenGate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db := openDB(t, path)
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	core, logs := observer.New(zap.InfoLevel)
	told := &notices{}
	g := newFrozenGate(db, zap.New(core), clock.now, told)
	write := &tg.PhotosUploadContactProfilePhotoRequest{}
	read := &tg.UsersGetUsersRequest{}
	ctx := context.Background()

	tgm := &scripted{errs: []error{frozenErr()}}
	var fe *FrozenError
	if err := g.Handle(tgm)(ctx, write, nil); !errors.As(err, &fe) || fe.Err == nil || !tgerr.Is(err, "FROZEN_METHOD_INVALID") {
		t.Fatalf("first refusal: %v, want a *FrozenError wrapping Telegram's", err)
	}
	for range 5 {
		clock.add(10 * time.Minute)
		if err := g.Handle(tgm)(ctx, write, nil); !errors.As(err, &fe) || fe.Err != nil {
			t.Fatalf("within the hour: %v, want refused here", err)
		}
		if err := g.Handle(tgm)(ctx, read, nil); err != nil {
			t.Fatalf("a read: %v", err)
		}
	}
	if tgm.calls != 6 {
		t.Fatalf("%d calls reached Telegram, want the first and the 5 reads", tgm.calls)
	}
	if n := logs.FilterMessageSnippet("Telegram has frozen this account").Len(); n != 1 {
		t.Fatalf("frozen logged %d times, want once", n)
	}
	if told.frozen != 6 {
		t.Fatalf("told frozen %d times, want on each of the 6 refusals", told.frozen)
	}
	db.Close()

	// A restart an hour later: the state is back, and one probe goes out.
	db = openDB(t, path)
	defer db.Close()
	g = newFrozenGate(db, zap.NewNop(), clock.now, told)
	if told.frozen != 7 {
		t.Fatalf("a restart did not tell the app the account is frozen (%d notices)", told.frozen)
	}
	clock.add(11 * time.Minute)
	tgm = &scripted{errs: []error{frozenErr()}}
	if err := g.Handle(tgm)(ctx, write, nil); !errors.As(err, &fe) || fe.Err == nil {
		t.Fatalf("probe: %v, want Telegram's refusal", err)
	}
	if err := g.Handle(tgm)(ctx, write, nil); !errors.As(err, &fe) || fe.Err != nil || !fe.Next.Equal(clock.now().Add(time.Hour)) {
		t.Fatalf("after a refused probe: %v, want refused here until an hour later", err)
	}
	clock.add(time.Hour)
	if err := g.Handle(tgm)(ctx, write, nil); err != nil {
		t.Fatalf("probe after unfreezing: %v", err)
	}
	if err := g.Handle(tgm)(ctx, write, nil); err != nil || tgm.calls != 3 || told.unfrozen != 1 {
		t.Fatalf("after unfreezing: %v, %d calls, told unfrozen %d: want calls going through", err, tgm.calls, told.unfrozen)
	}
	if v, ok, _ := db.Meta(frozenMetaKey); ok && v != "" {
		t.Fatalf("state still saved after unfreezing: %s", v)
	}
}

// blocking answers its first call only when release is closed.
type blocking struct {
	started, release chan struct{}
	mu               sync.Mutex
	calls            int
}

func (b *blocking) Invoke(context.Context, bin.Encoder, bin.Decoder) error {
	b.mu.Lock()
	b.calls++
	first := b.calls == 1
	b.mu.Unlock()
	if first {
		close(b.started)
		<-b.release
	}
	return nil
}

// TestFrozenGateOneProbe: calls made while the probe is out wait for its
// answer instead of going to Telegram beside it.
func TestFrozenGateOneProbe(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	defer db.Close()
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	g := newFrozenGate(db, zap.NewNop(), clock.now, nil)
	req := &tg.MessagesSendMessageRequest{}
	ctx := context.Background()
	_ = g.Handle(&scripted{errs: []error{frozenErr()}})(ctx, req, nil)
	clock.add(time.Hour)

	b := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	probe := make(chan error)
	go func() { probe <- g.Handle(b)(ctx, req, nil) }()
	<-b.started
	waiting, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := g.Handle(b)(waiting, req, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("beside the probe: %v, want to wait for it", err)
	}
	after := make(chan error)
	go func() { after <- g.Handle(b)(ctx, req, nil) }()
	close(b.release)
	if err := <-probe; err != nil {
		t.Fatalf("probe: %v", err)
	}
	if err := <-after; err != nil {
		t.Fatalf("after the probe went through: %v", err)
	}
	if b.calls != 2 {
		t.Fatalf("%d calls reached Telegram, want the probe and the one after it", b.calls)
	}
}

// TestFrozenGateOther420: a 420 that is not FROZEN_METHOD_INVALID does not
// freeze anything.
func TestFrozenGateOther420(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	defer db.Close()
	g := newFrozenGate(db, zap.NewNop(), time.Now, nil)
	req := &tg.MessagesSendMessageRequest{}
	tgm := &scripted{errs: []error{tgerr.New(420, "SOME_OTHER_420")}}
	var fe *FrozenError
	if err := g.Handle(tgm)(context.Background(), req, nil); errors.As(err, &fe) || !tgerr.Is(err, "SOME_OTHER") {
		t.Fatalf("got %v, want Telegram's error as it is", err)
	}
	if err := g.Handle(tgm)(context.Background(), req, nil); err != nil || tgm.calls != 2 {
		t.Fatalf("next call: %v after %d calls", err, tgm.calls)
	}
}
