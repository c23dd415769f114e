package emulator

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
	"github.com/gotd/td/tgtest"
)

// call is one RPC as a method handler sees it.
type call struct {
	e       *Emulator
	req     *tgtest.Request
	dc      int // the DC the call came to
	keyID   [8]byte
	userID  int64 // the account the auth key is bound to; 0 when none
	pushes  []push
	session tgtest.Session
}

// push is an update to deliver to an account's sessions once the world lock
// is released. skip names a session that gets it as its RPC result instead.
type push struct {
	userID  int64
	updates tg.UpdatesClass
	skip    int64
}

type handlerFunc func(c *call, req bin.Object) (bin.Encoder, error)

type method struct {
	name   string
	public bool // callable before login
	fn     handlerFunc
	newReq func() bin.Object // an empty request to decode into
}

// register binds a typed handler to its request constructor.
func register[R any, PR interface {
	*R
	bin.Object
}](m map[uint32]method, public bool, fn func(c *call, req PR) (bin.Encoder, error)) {
	var zero PR = new(R)
	id := any(zero).(interface{ TypeID() uint32 }).TypeID()
	m[id] = method{
		name:   methodName(id),
		public: public,
		fn:     func(c *call, req bin.Object) (bin.Encoder, error) { return fn(c, req.(PR)) },
		newReq: func() bin.Object { return PR(new(R)) },
	}
}

// typeNames is gotd's table of every TL type's name, built on first use: at
// package init it would cost every persona command, the daemon included,
// memory and milliseconds at start. Requests are made by their method's
// newReq, not by gotd's table of every constructor (tg.TypesConstructorMap):
// that table links the code of every TL type into the binary, 15 MB of the
// 44 the persona binary weighed with it.
var typeNames = sync.OnceValue(tg.TypesMap)

// methodName is the TL name without its constructor id: "users.getFullUser".
func methodName(id uint32) string {
	name, ok := typeNames()[id]
	if !ok {
		return "unknown"
	}
	if i := strings.IndexByte(name, '#'); i >= 0 {
		name = name[:i]
	}
	return name
}

func (e *Emulator) methods() map[uint32]method {
	m := map[uint32]method{}
	e.registerConfig(m)
	e.registerAuth(m)
	e.registerTransfer(m)
	e.registerUpdates(m)
	e.registerMessages(m)
	e.registerDeletes(m)
	e.registerFiles(m)
	e.registerPhotos(m)
	e.registerPeers(m)
	e.registerChats(m)
	e.registerCrossChat(m)
	e.registerUserPhotos(m) // photos.getUserPhotos, contacts.addContact
	return m
}

// offLoop methods are answered off the connection's read loop.
var offLoop = map[string]bool{"upload.getFile": true, "upload.saveFilePart": true, "upload.saveBigFilePart": true}

func (e *Emulator) dispatcher() tgtest.Handler {
	methods := e.methods()
	return tgtest.HandlerFunc(func(srv *tgtest.Server, req *tgtest.Request) error {
		id, err := req.Buf.PeekID()
		if err != nil {
			return errors.Wrap(err, "peek id")
		}
		if serviceMessage(srv, req, id) {
			return nil
		}
		e.trackSession(req.DC, req.Session)
		if !e.resent.first(req.Session.ID, req.MsgID, time.Now()) {
			return nil // sent again while its answer was on the way (resends.go)
		}
		m, ok := methods[id]
		if !ok {
			name := methodName(id)
			e.events.add(Event{Kind: EventRPC, DC: req.DC, Method: name, UserID: e.boundUser(req.Session.AuthKey.ID), Err: errNotImplemented(name), Time: e.now()})
			return srv.SendErr(req, errNotImplemented(name))
		}
		obj := m.newReq()
		if err := obj.Decode(req.Buf); err != nil {
			return srv.SendErr(req, tgerr.New(400, "INPUT_REQUEST_INVALID"))
		}
		if d := e.faults.delay(m.name); d > 0 {
			e.faults.hold(m.name)
			// Handlers run in tgtest's read loop; a delayed answer must not
			// hold up the connection's other requests.
			go func() {
				select {
				case <-e.faultTimer(d):
					_ = e.serve(srv, req, m, obj)
				case <-e.closed: // a call held past Close is never served
				}
			}()
			return nil
		}
		if offLoop[m.name] {
			// A file part's answer is the heavy part (a 512 KiB getFile
			// reply is encrypted and hashed): served beside the read loop,
			// as Telegram's many servers would, parts in flight overlap.
			go func() { _ = e.serve(srv, req, m, obj) }()
			return nil
		}
		return e.serve(srv, req, m, obj)
	})
}

// serve runs one decoded request: faults, authorisation, handler, event log,
// answer, and then the pushes the handler queued.
func (e *Emulator) serve(srv *tgtest.Server, req *tgtest.Request, m method, obj bin.Object) error {
	start := e.now()
	c := &call{e: e, req: req, dc: req.DC, keyID: req.Session.AuthKey.ID, session: req.Session}
	c.userID = e.boundUser(c.keyID)

	var (
		res bin.Encoder
		err error
	)
	// Take the fault at once: checking first and taking later lets two
	// calls served together both see the last one, and one of them a nil.
	fault := e.faults.take(m.name)
	if fault == nil {
		fault = e.faults.refused(m.name, obj)
	}
	if fault == nil {
		fault = e.faults.limits.take(m.name, c.userID, start)
	}
	if fault == nil {
		fault = e.authorize(c, m)
	}
	if fault == nil {
		fault = e.faults.frozenRefusal(c.userID, m.name)
	}
	if fault != nil {
		err = fault
	} else {
		res, err = m.fn(c, obj)
	}
	ev := Event{Kind: EventRPC, DC: c.dc, Method: m.name, UserID: c.userID, Request: obj, Result: res, Time: start, Duration: e.now().Sub(start)}
	var rpcErr *tgerr.Error
	if err != nil && !errors.As(err, &rpcErr) {
		// Anything but an RPC error would drop the connection in tgtest;
		// answer INTERNAL instead so a bug shows as an error, not a hang.
		rpcErr = tgerr.New(500, "INTERNAL")
	}
	ev.Err = rpcErr
	e.events.add(ev)
	if rpcErr != nil {
		return e.answerLater(func() error { return srv.SendErr(req, rpcErr) })
	}
	answer, err := e.freeze(res)
	if err != nil {
		return err
	}
	send := func() error { return srv.SendResult(req, answer) }
	if e.drops.take(m.name) {
		send = func() error { return e.dropAnswer(srv, req) }
	}
	return e.answerLater(func() error {
		if err := send(); err != nil {
			return err
		}
		e.deliver(c.pushes)
		return nil
	})
}

// send pushes v to a session through its DC's server.
func (e *Emulator) send(s liveSession, v bin.Encoder) error {
	d := e.dcByID(s.dc)
	if d == nil {
		return errors.Errorf("no DC %d", s.dc)
	}
	return d.srv.Send(context.Background(), s.Session, tgtest.MessageFromServer, v)
}

func errNotImplemented(name string) *tgerr.Error {
	return tgerr.New(501, "METHOD_NOT_IMPLEMENTED: "+name)
}

// deliver sends queued pushes to every live session of their accounts on
// their home DCs.
func (e *Emulator) deliver(pushes []push) {
	for _, p := range pushes {
		for _, s := range e.homeSessions(p.userID) {
			if s.ID == p.skip {
				continue
			}
			body := e.pushBody(p.updates)
			ev := Event{Kind: EventPush, DC: s.dc, UserID: p.userID, Result: body, Time: e.now()}
			updates, err := e.freeze(body)
			if err == nil {
				err = e.send(s, updates)
			}
			if err != nil {
				ev.Err = tgerr.New(500, "PUSH_FAILED")
			}
			e.events.add(ev)
		}
	}
}

// frozen is an answer or a push already encoded.
type frozen []byte

func (f frozen) Encode(b *bin.Buffer) error {
	b.Put(f)
	return nil
}

// freeze encodes v under the world's lock. gotd's Encode writes the flags
// of every object it encodes, and the world's messages are shared by the
// boxes, getDifference answers and pushes served on other goroutines.
func (e *Emulator) freeze(v bin.Encoder) (frozen, error) {
	var b bin.Buffer
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := v.Encode(&b); err != nil {
		return nil, err
	}
	return frozen(b.Buf), nil
}
