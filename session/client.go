// Package session is everything about the Telegram connection: client
// options, login, session and update-state storage, reconnect catch-up,
// flood waits and a revoked session.
package session

import (
	"crypto/rsa"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/gotd/contrib/bbolt"
	"github.com/gotd/log/logzap"
	"go.uber.org/zap"

	"github.com/gotd/td/exchange"
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
	DB      *storage.DB
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
		Logger:         logzap.New(o.Logger.Named("gotd").WithOptions(zap.IncreaseLevel(zap.WarnLevel))),
		SessionStorage: bbolt.NewSessionStorage(o.DB.Bolt(), "session", []byte(storage.SessionBucket)),
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
		opts.DCList = dcs.List{Options: []tg.DCOption{{ID: s.DC, IPAddress: host, Port: port, Static: true}}}
		opts.PublicKeys = keys
		opts.Resolver = dcs.Plain(dcs.PlainOptions{})
	}
	return opts, nil
}

// Version is the daemon's version, set by main from build information.
var Version = "dev"
