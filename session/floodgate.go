package session

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// Flood waits up to shortFlood are waited out silently; longer ones are
// persisted and told to the user.
const (
	shortFlood     = time.Minute
	floodRetries   = 5
	floodMetaKey   = "flood_until"
	floodSlack     = time.Second // Telegram rounds to whole seconds: wait a little more
	unknownMethod  = "unknown"
	floodLogFormat = "2006-01-02 15:04:05"
)

// FloodNotifier is implemented by an App that wants to hear about a long
// flood wait, e.g. to tell the user why a command is waiting.
type FloodNotifier interface {
	OnFloodWait(method string, until time.Time)
}

// floodGate is the flood-wait middleware. Telegram's FLOOD_WAIT_X is per
// method; the gate remembers until when each method must rest, in bbolt for
// long waits, so a restart never hammers Telegram, and holds calls of that
// method until then.
type floodGate struct {
	db     metaStore
	lg     *zap.Logger
	now    func() time.Time
	notify func(method string, until time.Time)

	mu    sync.Mutex
	until map[string]time.Time
}

// metaStore keeps small named values: the flood waits, between runs.
type metaStore interface {
	Meta(name string) (string, bool, error)
	SetMeta(name, value string) error
}

func newFloodGate(db metaStore, lg *zap.Logger, now func() time.Time, notify func(string, time.Time)) *floodGate {
	g := &floodGate{db: db, lg: lg, now: now, notify: notify, until: map[string]time.Time{}}
	if v, ok, err := db.Meta(floodMetaKey); err == nil && ok {
		if err := json.Unmarshal([]byte(v), &g.until); err != nil {
			lg.Warn("Stored flood waits unreadable; ignoring them", zap.Error(err))
			g.until = map[string]time.Time{}
		}
	}
	for m, t := range g.until {
		if t.After(g.now()) {
			lg.Warn("Telegram asked to wait; honouring it after the restart", zap.String("method", m), zap.String("until", t.Format(floodLogFormat)))
		}
	}
	return g
}

func methodName(input bin.Encoder) string {
	if n, ok := input.(interface{ TypeName() string }); ok {
		return n.TypeName()
	}
	return unknownMethod
}

// Handle implements telegram.Middleware.
func (g *floodGate) Handle(next tg.Invoker) telegram.InvokeFunc {
	return func(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
		method := methodName(input)
		for attempt := 0; ; attempt++ {
			if err := g.rest(ctx, method); err != nil {
				return err
			}
			err := next.Invoke(ctx, input, output)
			d, ok := floodWait(err)
			if !ok || attempt >= floodRetries {
				return err
			}
			g.lg.Info("Flood wait", zap.String("method", method), zap.Duration("wait_ms", d))
			if d > 0 {
				d += floodSlack
			}
			g.set(method, g.now().Add(d), d > shortFlood)
		}
	}
}

// floodWait is the wait Telegram asks for: 420 FLOOD_WAIT_X or
// FLOOD_PREMIUM_WAIT_X, X whole seconds (as TDLib reads them in
// td/telegram/net/NetQueryDelayer.cpp, where a suffix that is not a number
// is no wait but an error). Any other 420, such as
// FROZEN_METHOD_INVALID (docs/ARCHITECTURE.md, "420 is not always a flood
// wait"), is no wait: it is returned as Telegram named it, never waited out
// as a wait of 0 s.
func floodWait(err error) (time.Duration, bool) {
	rpc, ok := tgerr.As(err)
	if !ok || rpc.Code != 420 {
		return 0, false
	}
	for _, prefix := range []string{"FLOOD_WAIT_", "FLOOD_PREMIUM_WAIT_"} {
		digits, found := strings.CutPrefix(rpc.Message, prefix)
		if !found {
			continue
		}
		s, err := strconv.Atoi(digits)
		if err != nil || s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	return 0, false
}

// rest waits until method may be called again.
func (g *floodGate) rest(ctx context.Context, method string) error {
	g.mu.Lock()
	until := g.until[method]
	g.mu.Unlock()
	wait := until.Sub(g.now())
	if wait <= 0 {
		return nil
	}
	if wait > shortFlood && g.notify != nil {
		g.notify(method, until)
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// set records that method must rest until `until`; a long rest is saved.
func (g *floodGate) set(method string, until time.Time, persist bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if until.After(g.until[method]) {
		g.until[method] = until
	}
	if !persist {
		return
	}
	now := g.now()
	for m, t := range g.until {
		if !t.After(now) {
			delete(g.until, m)
		}
	}
	g.lg.Warn("Telegram asks to wait long; saved so a restart honours it",
		zap.String("method", method), zap.String("until", until.Format(floodLogFormat)))
	v, err := json.Marshal(g.until)
	if err == nil {
		err = g.db.SetMeta(floodMetaKey, string(v))
	}
	if err != nil {
		g.lg.Error("Save flood wait", zap.Error(err))
	}
}
