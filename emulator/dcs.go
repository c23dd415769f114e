package emulator

import (
	"context"
	"net"
	"slices"
	"strconv"

	"github.com/go-faster/errors"
	"github.com/gotd/log/logzap"

	"github.com/gotd/td/tgtest"
	"github.com/gotd/td/transport"
)

// dcServer is one data centre: its own tgtest server on its own loopback
// listener, all of them sharing the emulator's one world. Each has its own
// auth keys, as on Telegram, where a key made on DC 2 is unknown to DC 4
// and a client makes one key per DC (gotd's telegram/pool.go keeps a
// session per DC; TDLib's DcAuthManager one auth key per DC).
type dcServer struct {
	id   int
	srv  *tgtest.Server
	ln   *readyListener
	addr *net.TCPAddr
	err  error // what Serve returned, read after done
	done chan struct{}
}

// dcList is the DCs to run: opts.DCs, and opts.DC among them, in order.
func dcList(opts Options) []int {
	out := slices.Clone(opts.DCs)
	if len(out) == 0 {
		out = []int{2, 4}
	}
	if !slices.Contains(out, opts.DC) {
		out = append(out, opts.DC)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// listenDC opens the listener of one DC: the DC a client dials first on
// opts.Addr, every other one on a random port of the same host.
func (e *Emulator) listenDC(id int) (*dcServer, error) {
	addr := e.opts.Addr
	if id != e.opts.DC {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, errors.Wrap(err, "addr")
		}
		addr = net.JoinHostPort(host, "0")
	}
	l, err := net.Listen("tcp4", addr)
	if err != nil {
		return nil, errors.Wrapf(err, "listen DC %d", id)
	}
	d := &dcServer{id: id, ln: newReadyListener(l), addr: l.Addr().(*net.TCPAddr), done: make(chan struct{})}
	d.srv = tgtest.NewServer(e.key, tgtest.UnpackInvoke(e.dispatcher()), tgtest.ServerOptions{
		DC:     id,
		Logger: logzap.New(e.opts.Logger.Named("dc" + strconv.Itoa(id))),
		// gotd pings every 60 s; a shorter read timeout would drop idle clients.
		ReadTimeout:  readTimeout,
		WriteTimeout: writeTimeout,
	})
	return d, nil
}

func (d *dcServer) serve(ctx context.Context) {
	defer close(d.done)
	d.err = d.srv.Serve(ctx, transport.Listen(d.ln))
}

// dcByID is the running DC with this id, nil when there is none.
func (e *Emulator) dcByID(id int) *dcServer {
	for _, d := range e.dcs {
		if d.id == id {
			return d
		}
	}
	return nil
}

// DCs are the ids of the data centres the emulator runs, in order.
func (e *Emulator) DCs() []int {
	out := make([]int, 0, len(e.dcs))
	for _, d := range e.dcs {
		out = append(out, d.id)
	}
	return out
}

// DCAddr is the host:port of one DC, "" when the emulator does not run it.
func (e *Emulator) DCAddr(id int) string {
	if d := e.dcByID(id); d != nil {
		return d.addr.String()
	}
	return ""
}
