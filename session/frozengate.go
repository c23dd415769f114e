package session

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// A frozen account (docs/ARCHITECTURE.md, "420 is not always a flood wait"):
// Telegram answers what it no longer allows the account 420
// FROZEN_METHOD_INVALID. That is no flood
// wait: TDLib turns it into a final error instead of delaying the query
// (td/telegram/net/NetQueryDispatcher.cpp), and only the owner can end it,
// in an official app (core.telegram.org/api/auth, "Frozen accounts").
const (
	frozenMessage = "FROZEN_METHOD_INVALID"
	frozenMetaKey = "frozen"
	// frozenProbeEvery is how often one refused call is let through to
	// see whether the account is still frozen (README, "Alongside your other apps": no more
	// than once an hour).
	frozenProbeEvery = time.Hour
)

// FrozenNotifier is implemented by an App that wants to hear that the
// account is frozen: on every call refused for it, with when it was first
// seen and when the next call will be let through; and once it is not.
type FrozenNotifier interface {
	OnFrozen(since, next time.Time)
	OnUnfrozen()
}

// FrozenError is a call refused because Telegram has frozen the account:
// by Telegram (Err is its answer) or by Persona without asking, until Next.
type FrozenError struct {
	Since, Next time.Time
	Err         error // Telegram's 420 FROZEN_METHOD_INVALID; nil when refused here
}

func (e *FrozenError) Error() string {
	return "account frozen by Telegram since " + e.Since.Format(floodLogFormat) + "; next try at " + e.Next.Format(floodLogFormat)
}

func (e *FrozenError) Unwrap() error { return e.Err }

// FrozenSince and FrozenUntil let callers that do not import this package
// recognise the error by an interface of their own.
func (e *FrozenError) FrozenSince() time.Time { return e.Since }
func (e *FrozenError) FrozenUntil() time.Time { return e.Next }

// frozenState is what the gate knows, saved so a restart does not ask
// Telegram again before the hour is up.
type frozenState struct {
	Since   time.Time       `json:"since"`             // zero: not frozen
	Next    time.Time       `json:"next"`              // when one call may go through
	Methods map[string]bool `json:"methods,omitempty"` // what Telegram refused
}

// frozenGate is the middleware for a frozen account. After Telegram
// answered FROZEN_METHOD_INVALID, every call of a method it refused is
// refused here with a *FrozenError, except one an hour: the probe. Calls
// made while the probe is under way wait for its answer. Methods Telegram
// has not refused (reads) go on as before. A probe that Telegram answers
// otherwise ends the state.
type frozenGate struct {
	db     metaStore
	lg     *zap.Logger
	now    func() time.Time
	notify FrozenNotifier // may be nil

	mu    sync.Mutex
	state frozenState
	probe chan struct{} // closed when the probe under way ends; nil when none
}

func newFrozenGate(db metaStore, lg *zap.Logger, now func() time.Time, notify FrozenNotifier) *frozenGate {
	g := &frozenGate{db: db, lg: lg, now: now, notify: notify}
	if v, ok, err := db.Meta(frozenMetaKey); err == nil && ok && v != "" {
		if err := json.Unmarshal([]byte(v), &g.state); err != nil {
			lg.Warn("Stored frozen state unreadable; ignoring it", zap.Error(err))
			g.state = frozenState{}
		}
	}
	if g.frozen() {
		lg.Warn("The account was frozen by Telegram at the last run; calls it refused wait for the next try",
			zap.String("since", g.state.Since.Format(floodLogFormat)), zap.String("next_try", g.state.Next.Format(floodLogFormat)))
		g.tell(&FrozenError{Since: g.state.Since, Next: g.state.Next}) // so /status says it from the start
	}
	return g
}

func (g *frozenGate) frozen() bool { return !g.state.Since.IsZero() }

// Handle implements telegram.Middleware.
func (g *frozenGate) Handle(next tg.Invoker) telegram.InvokeFunc {
	return func(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
		method := methodName(input)
		probe, err := g.admit(ctx, method)
		if err != nil {
			return err
		}
		return g.answered(method, probe, next.Invoke(ctx, input, output))
	}
}

// admit decides whether a call may go to Telegram, and whether it is the
// probe; a call that may not gets a *FrozenError.
func (g *frozenGate) admit(ctx context.Context, method string) (probe bool, err error) {
	for {
		g.mu.Lock()
		if !g.frozen() || !g.state.Methods[method] {
			g.mu.Unlock()
			return false, nil
		}
		if wait := g.probe; wait != nil {
			g.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return false, ctx.Err()
			}
		}
		now := g.now()
		if now.Before(g.state.Next) {
			e := &FrozenError{Since: g.state.Since, Next: g.state.Next}
			g.mu.Unlock()
			g.tell(e)
			return false, e
		}
		// This call is the probe. The next one is an hour away already,
		// saved, so that a crash during the probe cannot bring the next.
		g.probe = make(chan struct{})
		g.state.Next = now.Add(frozenProbeEvery)
		g.save()
		g.mu.Unlock()
		g.lg.Info("Account frozen; asking Telegram once whether it still is", zap.String("method", method))
		return true, nil
	}
}

// answered takes Telegram's answer to a call the gate let through.
func (g *frozenGate) answered(method string, probe bool, err error) error {
	g.mu.Lock()
	if probe {
		close(g.probe)
		g.probe = nil
	}
	rpc, isRPC := tgerr.As(err)
	switch {
	case isRPC && rpc.Code == 420 && rpc.Message == frozenMessage:
		e := g.refused(method, err)
		g.mu.Unlock()
		g.tell(e)
		return e
	case probe && (err == nil || isRPC):
		g.state = frozenState{}
		g.save()
		g.mu.Unlock()
		g.lg.Warn("Telegram no longer refuses calls as frozen; the commands that waited run now", zap.String("method", method))
		if g.notify != nil {
			g.notify.OnUnfrozen()
		}
		return err
	case probe:
		// No answer (the network, a stop): the probe told nothing, and
		// the next call may ask again.
		g.state.Next = g.now()
		g.save()
	}
	g.mu.Unlock()
	return err
}

// refused records Telegram's FROZEN_METHOD_INVALID to method; the first
// one is logged, once, loudly, and sets the next try an hour away (a
// refused probe has set it already). Called with mu held.
func (g *frozenGate) refused(method string, err error) *FrozenError {
	now := g.now()
	if !g.frozen() {
		g.state = frozenState{Since: now, Next: now.Add(frozenProbeEvery)}
		g.lg.Error("Telegram has frozen this account (420 FROZEN_METHOD_INVALID): Persona keeps the commands and tries again once an hour; see an official Telegram app to appeal",
			zap.String("method", method), zap.String("next_try", g.state.Next.Format(floodLogFormat)))
	}
	if g.state.Methods == nil {
		g.state.Methods = map[string]bool{}
	}
	g.state.Methods[method] = true
	g.save()
	return &FrozenError{Since: g.state.Since, Next: g.state.Next, Err: err}
}

func (g *frozenGate) tell(e *FrozenError) {
	if g.notify != nil {
		g.notify.OnFrozen(e.Since, e.Next)
	}
}

// save writes the state, or clears it when the account is not frozen.
// Called with mu held.
func (g *frozenGate) save() {
	v := ""
	if g.frozen() {
		b, err := json.Marshal(g.state)
		if err != nil {
			g.lg.Error("Save frozen state", zap.Error(err))
			return
		}
		v = string(b)
	}
	if err := g.db.SetMeta(frozenMetaKey, v); err != nil {
		g.lg.Error("Save frozen state", zap.Error(err))
	}
}
