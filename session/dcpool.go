package session

import (
	"context"
	"sync"

	"github.com/go-faster/errors"

	"github.com/gotd/td/bin"

	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
)

// mediaConns is how many connections a media DC gets: as many as parts a
// transfer has in flight (media's partThreads), so parts download in
// parallel there as at home. gotd's pool gives each call a connection of
// its own, so with fewer the rest wait a round trip: 4 took a 5 MB PNG on
// another DC in 5.7 RTT, 10 in 4.7. They open on first use and are kept.
const mediaConns = 10

// DCs reaches the data centres where files live: a connection to dc (nil
// for the home DC), and Forget to drop one whose authorization the DC
// forgot. An alias of an interface literal, so that an App can declare the
// same type without importing this package.
type DCs = interface {
	Invoker(ctx context.Context, dc int) (tg.Invoker, error)
	Forget(dc int)
}

var _ DCs = (*dcConns)(nil)

// dcConns opens connections to the data centres where files live. Telegram
// keeps a file on the DC it was uploaded to, often not the account's
// (docs/ARCHITECTURE.md, "A file lives on the DC it was uploaded to").
// Asking the home DC first would cost a
// FILE_MIGRATE round trip for every part; a connection of our own to the
// file's DC, authorised once by export and import, is kept and reused
// across commands.
type dcConns struct {
	client *telegram.Client
	calls  []telegram.Middleware // the home connection's, but the revoked detector and the update hook

	mu    sync.Mutex
	home  int
	pools map[int]telegram.CloseInvoker
}

func newDCs(client *telegram.Client, calls []telegram.Middleware) *dcConns {
	return &dcConns{client: client, calls: calls, pools: map[int]telegram.CloseInvoker{}}
}

// Invoker returns a connection to dc, opening it on first use, or nil for
// the home DC (or dc 0), whose connection the caller already has.
func (d *dcConns) Invoker(ctx context.Context, dc int) (tg.Invoker, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.home == 0 {
		d.home = d.client.Config().ThisDC
	}
	if dc == 0 || dc == d.home {
		return nil, nil
	}
	if _, err := d.poolLocked(ctx, dc); err != nil {
		return nil, err
	}
	var inv tg.Invoker = dcInvoker{d: d, dc: dc}
	for i := len(d.calls) - 1; i >= 0; i-- {
		inv = d.calls[i].Handle(inv)
	}
	return inv, nil
}

// pool is the current connection pool to dc, opened when there is none.
func (d *dcConns) pool(ctx context.Context, dc int) (telegram.CloseInvoker, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.poolLocked(ctx, dc)
}

func (d *dcConns) poolLocked(ctx context.Context, dc int) (telegram.CloseInvoker, error) {
	if p, ok := d.pools[dc]; ok {
		return p, nil
	}
	p, err := d.client.DC(ctx, dc, mediaConns)
	if err != nil {
		return nil, errors.Wrapf(err, "connect to DC %d", dc)
	}
	d.pools[dc] = p
	return p, nil
}

// current reports whether p is still the pool to dc.
func (d *dcConns) current(dc int, p telegram.CloseInvoker) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pools[dc] == p
}

// dcInvoker calls a DC through whichever pool is current at the time of
// the call. Commands run at once share the pool: when one of them makes it
// forget the DC (an AUTH_KEY_UNREGISTERED there) and the pool is closed
// under the calls of the others, each of those is made again on the new
// pool instead of failing their commands.
type dcInvoker struct {
	d  *dcConns
	dc int
}

// replacedRetries bounds the calls made again: a pool is replaced once
// per forgetting, and a DC that keeps forgetting is an error to report.
const replacedRetries = 3

func (i dcInvoker) Invoke(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
	for attempt := 0; ; attempt++ {
		p, err := i.d.pool(ctx, i.dc)
		if err != nil {
			return err
		}
		err = p.Invoke(ctx, input, output)
		if err == nil || ctx.Err() != nil || attempt == replacedRetries || i.d.current(i.dc, p) {
			return err
		}
	}
}

// Forget closes the connection to dc, e.g. after the DC forgot the
// authorization imported into it (AUTH_KEY_UNREGISTERED there, which never
// means the session is revoked): the next Invoker exports and imports it
// again.
func (d *dcConns) Forget(dc int) {
	d.mu.Lock()
	p, ok := d.pools[dc]
	delete(d.pools, dc)
	d.mu.Unlock()
	if ok {
		_ = p.Close()
	}
}

// close ends every media DC connection.
func (d *dcConns) close() {
	d.mu.Lock()
	pools := d.pools
	d.pools = map[int]telegram.CloseInvoker{}
	d.mu.Unlock()
	for _, p := range pools {
		_ = p.Close()
	}
}
