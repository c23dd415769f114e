// Package emulator is a Telegram server for tests and demos: real MTProto
// over TCP on loopback, built on gotd's tgtest, with a small world of users,
// chats and files behind it. A gotd client configured with only the address,
// DC id and public key logs in and works against it as against Telegram.
package emulator

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/exchange"
)

// Options configure an Emulator. The zero value is usable.
type Options struct {
	// Addr to listen on for DC, the data centre a client dials first.
	// Defaults to "127.0.0.1:0", a random port.
	Addr string
	// DC is the data centre a client dials first, and where accounts and
	// media live unless told otherwise. Defaults to 2.
	DC int
	// DCs are the data centres to run, each on its own random port of
	// Addr's host; DC is added when missing. Telegram has five, and an
	// account or a file may live on any. Defaults to 2 and 4.
	DCs []int
	// Logger receives the MTProto server's own logs. Defaults to none.
	Logger *zap.Logger
	// Now is the clock for dates and token expiry. Defaults to time.Now.
	Now func() time.Time
	// DifferenceSlice caps the updates one updates.getDifference returns;
	// more yields updates.differenceSlice. Defaults to 100.
	DifferenceSlice int
	// DifferenceTooLong is the gap beyond which updates.getDifference answers
	// updates.differenceTooLong. Defaults to 10000.
	DifferenceTooLong int
	// RTT delays every RPC answer, as SetRTT does. Defaults to none.
	RTT time.Duration
	// ShortUpdates sends the short forms Telegram uses (shortforms.go):
	// updateShortMessage for a text message, updateShortSentMessage for
	// the answer to one's own text sendMessage. SetShortUpdates changes it.
	ShortUpdates bool
	// StatePath is a file where the emulator keeps, from one start to the
	// next, its people's ids and access hashes, the auth keys bound to
	// accounts and where pts and message ids go on from (state.go), so a
	// client's login outlives a restart. Messages and files are not kept.
	// A file that cannot be read is set aside: see StateError. Defaults
	// to none: every start is new.
	StatePath string
}

func (o *Options) setDefaults() {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.DC == 0 {
		o.DC = 2
	}
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.DifferenceSlice == 0 {
		o.DifferenceSlice = 100
	}
	if o.DifferenceTooLong == 0 {
		o.DifferenceTooLong = 10000
	}
}

const (
	readTimeout  = 5 * time.Minute
	writeTimeout = 30 * time.Second
)

// Emulator is a running Telegram emulator.
type Emulator struct {
	opts   Options
	key    exchange.PrivateKey
	dcs    []*dcServer // in id order
	first  *dcServer   // the one a client dials first, Options.DC
	now    func() time.Time
	events *eventLog
	faults *faults
	drops  *drops
	resent *resends
	rtt    rtt
	short  atomic.Bool     // short forms of updates (shortforms.go)
	closed <-chan struct{} // closed by Close

	stateErr  error      // why StatePath was not loaded
	saveMu    sync.Mutex // guards lastSaved and the writes of StatePath
	lastSaved []byte     // the state last written, as JSON

	mu    sync.Mutex // guards world
	world *world

	cancel context.CancelFunc
}

// Start listens on opts.Addr, and on a port of its own for every other DC,
// and serves until Close.
func Start(opts Options) (*Emulator, error) {
	opts.setDefaults()
	key, err := serverKey()
	if err != nil {
		return nil, err
	}
	e := &Emulator{
		opts:   opts,
		key:    key,
		now:    opts.Now,
		events: newEventLog(),
		faults: newFaults(),
		drops:  newDrops(),
		resent: newResends(),
		world:  newWorld(opts.DC),
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel, e.closed = cancel, ctx.Done()
	e.SetRTT(opts.RTT)
	e.SetShortUpdates(opts.ShortUpdates)
	keys := e.loadState()
	for _, id := range dcList(opts) {
		d, err := e.listenDC(id)
		if err == nil {
			e.dcs = append(e.dcs, d)
			err = preloadKeys(d.srv, keys[id])
		}
		if err != nil {
			for _, d := range e.dcs {
				_ = d.ln.Close()
			}
			cancel()
			return nil, err
		}
		if id == opts.DC {
			e.first = d
		}
	}
	for _, d := range e.dcs {
		go d.serve(ctx)
	}
	go e.sendScheduledEvery(ctx, time.Second)
	if opts.StatePath != "" {
		go e.saveStateEvery(ctx, time.Second)
	}
	return e, nil
}

// Close stops every DC and drops every connection.
func (e *Emulator) Close() error {
	e.cancel()
	var errs []error
	for _, d := range e.dcs {
		_ = d.ln.Close()
		<-d.done
		if d.err != nil && !errors.Is(d.err, context.Canceled) {
			errs = append(errs, errors.Wrapf(d.err, "DC %d", d.id))
		}
	}
	errs = append(errs, e.saveState())
	return errors.Join(errs...)
}

// Addr is the host:port of DC, the data centre a client dials first.
func (e *Emulator) Addr() string { return e.first.addr.String() }

// Host is the listening IP address of DC.
func (e *Emulator) Host() string { return e.first.addr.IP.String() }

// Port is the listening TCP port of DC.
func (e *Emulator) Port() int { return e.first.addr.Port }

// DC is the data centre a client dials first.
func (e *Emulator) DC() int { return e.opts.DC }

// Key is the server's public key, as gotd's telegram.Options wants it.
func (e *Emulator) Key() exchange.PublicKey { return e.key.Public() }
