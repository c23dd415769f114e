// Package session is everything about the Telegram connection: client
// options, login, session and update-state storage, reconnect catch-up,
// flood waits and a revoked session.
package session

import (
	"context"
	"crypto/rsa"
	"net"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/go-faster/errors"
	"github.com/gotd/contrib/bbolt"
	"github.com/gotd/log/logzap"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gotd/td/exchange"
	gotdsession "github.com/gotd/td/session"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/dcs"
	"github.com/gotd/td/tg"

	"persona/storage"
)

// Server points the client at a non-production server: Telegram's test DCs
// or the emulator. Nil means Telegram itself.
type Server struct {
	Address    string // host:port
	DC         int
	PublicKeys []*rsa.PublicKey
}

// Options configure the Telegram client.
type Options struct {
	AppID   int
	AppHash string
	Server  *Server
	DB      *storage.DB // the bbolt file: gotd keeps the session and update state in it
	Logger  *zap.Logger
	Now     func() time.Time // the clock flood waits are measured by; time.Now by default
	OnReady func()           // called once connected, logged in and the update state is loaded
}

func (o *Options) setDefaults() {
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// clientOptions builds gotd's options: the session in our bbolt file, and the
// server from the config when one is set.
func (o Options) clientOptions(h telegram.UpdateHandler, mw []telegram.Middleware) (telegram.Options, error) {
	opts := telegram.Options{
		Logger:         logzap.New(o.gotdLogger("gotd", nil)),
		SessionStorage: o.sessionStorage(),
		UpdateHandler:  h,
		NoUpdates:      h == nil,
		Middlewares:    mw,
		ReconnectionBackoff: func() backoff.BackOff {
			b := backoff.NewExponentialBackOff()
			b.InitialInterval = 100 * time.Millisecond
			b.MaxInterval = 10 * time.Second
			b.MaxElapsedTime = 0 // a daemon never gives up on the network
			return b
		},
		Device: telegram.DeviceConfig{DeviceModel: "Persona", SystemVersion: "linux", AppVersion: Version},
		// Media parts are JPEG and MP4: gzip costs CPU on every part and
		// saves nothing; our other requests are tiny.
		CompressThreshold: -1,
	}
	if s := o.Server; s != nil {
		host, port, err := splitHostPort(s.Address)
		if err != nil {
			return opts, err
		}
		keys := make([]telegram.PublicKey, 0, len(s.PublicKeys))
		for _, k := range s.PublicKeys {
			keys = append(keys, exchange.PublicKey{RSA: k})
		}
		opts.DC = s.DC
		opts.DCList = dcs.List{Options: append([]tg.DCOption{{ID: s.DC, IPAddress: host, Port: port, Static: true}}, o.learnedDCs(s.DC)...)}
		opts.PublicKeys = keys
	}
	opts.Resolver = dcs.Plain(dcs.PlainOptions{Dial: (&net.Dialer{Timeout: dialTimeout}).DialContext})
	return opts, nil
}

// gotdLogger is a logger for gotd's own messages: warnings and errors only,
// less the noise of calls cancelled with their connection or because the
// client stopped (stopped closed), and with gotd's internal bookkeeping
// ("rpc callback not set": an answer to a call it already gave up) at
// DEBUG, since no user can act on it.
func (o Options) gotdLogger(name string, stopped <-chan struct{}) *zap.Logger {
	return o.Logger.Named(name).WithOptions(zap.WrapCore(func(c zapcore.Core) zapcore.Core {
		return quietCancelled{c, stopped}
	}))
}

func (o Options) sessionStorage() bbolt.SessionStorage {
	return bbolt.NewSessionStorage(o.DB.Bolt(), "session", []byte(storage.SessionBucket))
}

// serverName is the address the client connects to, for messages.
func (o Options) serverName() string {
	if o.Server != nil {
		return o.Server.Address
	}
	return "its DC 2" // gotd's default DC, from its built-in list
}

// Stored reports whether the database holds a session, which only a
// successful login stores: without one, Run would only find out from
// Telegram that it is not logged in.
func Stored(ctx context.Context, db *storage.DB) (bool, error) {
	_, err := Options{DB: db}.sessionStorage().LoadSession(ctx)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, gotdsession.ErrNotFound):
		return false, nil
	}
	return false, errors.Wrap(err, "load session")
}

// learnedDCs are the other DCs' addresses from the help.getConfig that gotd
// stored with the session. [telegram.server] names only the DC dialled
// first; an account that lives on another DC (a login that met
// PHONE_MIGRATE) restarts straight there, which gotd does not restore by
// itself from the stored config.
func (o Options) learnedDCs(first int) []tg.DCOption {
	if o.DB == nil {
		return nil
	}
	loader := gotdsession.Loader{Storage: o.sessionStorage()}
	data, err := loader.Load(context.Background())
	if err != nil {
		return nil
	}
	var out []tg.DCOption
	for _, dc := range data.Config.DCOptions {
		if dc.ID != first {
			out = append(out, dc)
		}
	}
	return out
}
