// Package emulator is a Telegram server for tests and demos: real MTProto
// over TCP on loopback, built on gotd's tgtest, with a small world of users,
// chats and files behind it. A gotd client configured with only the address,
// DC id and public key logs in and works against it as against Telegram.
package emulator

import (
	"context"
	"net"
	"sync"
	"time"

	"github.com/go-faster/errors"
	"github.com/gotd/log/logzap"
	"go.uber.org/zap"

	"github.com/gotd/td/exchange"
	"github.com/gotd/td/tgtest"
	"github.com/gotd/td/transport"
)

// Options configure an Emulator. The zero value is usable.
type Options struct {
	// Addr to listen on. Defaults to "127.0.0.1:0", a random port.
	Addr string
	// DC is the data centre id the server announces. Defaults to 2.
	DC int
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

// Emulator is a running Telegram emulator.
type Emulator struct {
	opts   Options
	key    exchange.PrivateKey
	srv    *tgtest.Server
	ln     *readyListener
	addr   *net.TCPAddr
	now    func() time.Time
	events *eventLog
	faults *faults
	drops  *drops

	mu    sync.Mutex // guards world
	world *world

	cancel context.CancelFunc
	done   chan struct{}
	err    error
}

// Start listens on opts.Addr and serves until Close.
func Start(opts Options) (*Emulator, error) {
	opts.setDefaults()
	key, err := serverKey()
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp4", opts.Addr)
	if err != nil {
		return nil, errors.Wrap(err, "listen")
	}
	e := &Emulator{
		opts:   opts,
		key:    key,
		addr:   l.Addr().(*net.TCPAddr),
		now:    opts.Now,
		events: newEventLog(),
		faults: newFaults(),
		drops:  newDrops(),
		world:  newWorld(opts.DC),
		done:   make(chan struct{}),
	}
	e.srv = tgtest.NewServer(key, tgtest.UnpackInvoke(e.dispatcher()), tgtest.ServerOptions{
		DC:     opts.DC,
		Logger: logzap.New(opts.Logger),
		// gotd pings every 60 s; a shorter read timeout would drop idle clients.
		ReadTimeout:  5 * time.Minute,
		WriteTimeout: 30 * time.Second,
	})
	e.ln = newReadyListener(l)

	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go func() {
		defer close(e.done)
		e.err = e.srv.Serve(ctx, transport.Listen(e.ln))
	}()
	return e, nil
}

// Close stops the server and drops every connection.
func (e *Emulator) Close() error {
	e.cancel()
	_ = e.ln.Close()
	<-e.done
	if e.err != nil && !errors.Is(e.err, context.Canceled) {
		return e.err
	}
	return nil
}

// Addr is the host:port the server listens on.
func (e *Emulator) Addr() string { return e.addr.String() }

// Host is the listening IP address.
func (e *Emulator) Host() string { return e.addr.IP.String() }

// Port is the listening TCP port.
func (e *Emulator) Port() int { return e.addr.Port }

// DC is the data centre id the server announces.
func (e *Emulator) DC() int { return e.opts.DC }

// Key is the server's public key, as gotd's telegram.Options wants it.
func (e *Emulator) Key() exchange.PublicKey { return e.key.Public() }
