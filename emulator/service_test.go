package emulator_test

import (
	"context"
	"crypto/rand"
	"net"
	"testing"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/crypto"
	"github.com/gotd/td/exchange"
	"github.com/gotd/td/mt"
	"github.com/gotd/td/proto"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/transport"

	"persona/emulator"
)

// rawConn is an MTProto connection driven by hand, message by message, as
// gotd's mtproto package and Telegram's own clients build theirs: what a
// client sends and what the server answers are both visible.
type rawConn struct {
	conn   transport.Conn
	key    crypto.AuthKey
	salt   int64
	sess   int64
	ids    *proto.MessageIDGen
	cipher crypto.Cipher
	seq    int32
	lastID int64
}

func dialRaw(t *testing.T, ctx context.Context, e *emulator.Emulator) *rawConn {
	t.Helper()
	nc, err := net.Dial("tcp4", e.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = nc.Close() })
	conn, err := transport.Intermediate.Handshake(nc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := exchange.NewExchanger(conn, e.DC()).Client([]exchange.PublicKey{e.Key()}).Run(ctx)
	if err != nil {
		t.Fatalf("key exchange: %v", err)
	}
	return &rawConn{conn: conn, key: res.AuthKey, salt: res.ServerSalt, sess: res.SessionID,
		ids: proto.NewMessageIDGen(time.Now), cipher: crypto.NewClientCipher(rand.Reader)}
}

// send sends one message and returns its id; content-related messages
// (calls, pings) take odd sequence numbers, acks even ones.
func (r *rawConn) send(t *testing.T, ctx context.Context, v bin.Encoder, content bool) int64 {
	t.Helper()
	id := r.ids.New(proto.MessageFromClient)
	seq := r.seq * 2
	if content {
		seq++
		r.seq++
	}
	var b bin.Buffer
	data := crypto.EncryptedMessageData{Salt: r.salt, SessionID: r.sess, MessageID: id, SeqNo: seq, Message: v}
	if err := r.cipher.Encrypt(r.key, data, &b); err != nil {
		t.Fatal(err)
	}
	if err := r.conn.Send(ctx, &b); err != nil {
		t.Fatal(err)
	}
	return id
}

// recv reads the next message from the server, with its type id; the
// message's id is kept in r.lastID, for an ack.
func (r *rawConn) recv(t *testing.T, ctx context.Context) (uint32, *bin.Buffer) {
	t.Helper()
	var b bin.Buffer
	if err := r.conn.Recv(ctx, &b); err != nil {
		t.Fatalf("recv: %v", err)
	}
	msg, err := r.cipher.DecryptFromBuffer(r.key, &b)
	if err != nil {
		t.Fatal(err)
	}
	r.lastID = msg.MessageID
	body := &bin.Buffer{Buf: msg.Data()}
	id, err := body.PeekID()
	if err != nil {
		t.Fatal(err)
	}
	return id, body
}

// answers is what the server sent up to a pong.
type answers struct {
	results   map[int64]uint32 // rpc_result's req_msg_id → the result's type
	others    []uint32         // the type of every other message
	pongMsgID int64
}

// untilPong collects what the server sends up to the pong for pingID; the
// session's new_session_created is left out.
func (r *rawConn) untilPong(t *testing.T, ctx context.Context, pingID int64) answers {
	t.Helper()
	got := answers{results: map[int64]uint32{}}
	for {
		id, b := r.recv(t, ctx)
		switch id {
		case mt.NewSessionCreatedTypeID:
		case mt.PongTypeID:
			var p mt.Pong
			if err := p.Decode(b); err != nil {
				t.Fatal(err)
			}
			if p.PingID == pingID {
				got.pongMsgID = r.lastID
				return got
			}
			got.others = append(got.others, id)
		case proto.ResultTypeID:
			var res proto.Result
			if err := res.Decode(b); err != nil {
				t.Fatal(err)
			}
			inner, _ := (&bin.Buffer{Buf: res.Result}).PeekID()
			got.results[res.RequestMessageID] = inner
		default:
			got.others = append(got.others, id)
		}
	}
}

// container packs messages as a client's msg_container; each is a call or
// a ping (content-related) unless it is an ack or a state request.
func (r *rawConn) container(t *testing.T, msgs ...bin.Encoder) (*proto.MessageContainer, []int64) {
	t.Helper()
	out := &proto.MessageContainer{}
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		var b bin.Buffer
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ids.New(proto.MessageFromClient)
		seq := int(r.seq * 2)
		switch m.(type) {
		case *mt.MsgsAck, *mt.MsgsStateReq:
		default:
			seq++
			r.seq++
		}
		out.Messages = append(out.Messages, proto.Message{ID: ids[i], SeqNo: seq, Bytes: b.Len(), Body: b.Buf})
	}
	return out, ids
}

// TestServiceMessages sends acks, pings, a state request and a container
// as Telegram's clients do, and checks that only calls get rpc_result:
// Telegram answers an ack with nothing, a ping with a pong, msgs_state_req
// with msgs_state_info, and every call in a container with its own result
// (core.telegram.org/mtproto/service_messages_about_messages).
func TestServiceMessages(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	ctx := testContext(t)
	r := dialRaw(t, ctx, e)

	r.send(t, ctx, &mt.PingRequest{PingID: 1}, true)
	first := r.untilPong(t, ctx, 1)
	if len(first.results) != 0 {
		t.Errorf("results for a ping: %v", first.results)
	}

	// A stand-alone ack of the pong, then a ping as a fence: the server
	// answers in order, so anything said about the ack comes before.
	ackID := r.send(t, ctx, &mt.MsgsAck{MsgIDs: []int64{first.pongMsgID}}, false)
	r.send(t, ctx, &mt.PingRequest{PingID: 2}, true)
	if got := r.untilPong(t, ctx, 2); len(got.results) != 0 || len(got.others) != 0 {
		t.Errorf("after an ack (msg %d): results %v, other messages %x; want only the pong", ackID, got.results, got.others)
	}

	c, ids := r.container(t,
		&mt.MsgsAck{MsgIDs: []int64{r.lastID}},
		&tg.HelpGetNearestDCRequest{},
		&tg.UsersGetFullUserRequest{ID: &tg.InputUserSelf{}},
		&mt.MsgsStateReq{MsgIDs: []int64{1, 2}},
		&mt.PingRequest{PingID: 3},
	)
	r.send(t, ctx, c, false)
	got := r.untilPong(t, ctx, 3)
	want := map[int64]uint32{ids[1]: tg.NearestDCTypeID, ids[2]: mt.RPCErrorTypeID}
	if len(got.results) != len(want) || got.results[ids[1]] != want[ids[1]] || got.results[ids[2]] != want[ids[2]] {
		t.Errorf("container results = %x, want nearestDc for %d and rpc_error for %d only", got.results, ids[1], ids[2])
	}
	if len(got.others) != 1 || got.others[0] != mt.MsgsStateInfoTypeID {
		t.Errorf("container: other messages %x, want one msgs_state_info", got.others)
	}
	for _, ev := range e.Events() {
		if ev.Method == "unknown" {
			t.Errorf("event log has a service message as a call: %+v", ev)
		}
	}
}
