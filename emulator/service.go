package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/mt"
	"github.com/gotd/td/proto"
	"github.com/gotd/td/tgtest"
)

// serviceMessage handles the MTProto service messages that tgtest passes on
// to the handler as if they were calls (it answers only pings, future salts
// and rpc_drop_answer itself, and unpacks containers), and reports whether
// id was one. Telegram answers none of them with an rpc_result: msgs_ack and
// msgs_all_info are not answered at all, msgs_state_req and msg_resend_req
// get msgs_state_info, destroy_session its own result
// (core.telegram.org/mtproto/service_messages_about_messages and
// /mtproto/service_messages). Before this, every ack a client sent came back
// as an rpc_error for the ack's msg_id, which GramJS logs as an error.
func serviceMessage(srv *tgtest.Server, req *tgtest.Request, id uint32) bool {
	switch id {
	case mt.MsgsAckTypeID, mt.MsgsAllInfoTypeID, mt.HTTPWaitRequestTypeID:
		return true
	case mt.MsgsStateReqTypeID:
		var r mt.MsgsStateReq
		if r.Decode(req.Buf) == nil {
			_ = stateInfo(srv, req, len(r.MsgIDs))
		}
		return true
	case mt.MsgResendReqTypeID:
		var r mt.MsgResendReq
		if r.Decode(req.Buf) == nil {
			_ = stateInfo(srv, req, len(r.MsgIDs))
		}
		return true
	case mt.DestroySessionRequestTypeID:
		var r mt.DestroySessionRequest
		if r.Decode(req.Buf) == nil {
			// Sessions live only as long as their connection here: there
			// is never another one to destroy.
			_ = reply(srv, req, &mt.DestroySessionNone{SessionID: r.SessionID})
		}
		return true
	}
	return false
}

// stateInfo answers that nothing is known of any of the n messages (state
// 1): the emulator keeps no record of messages once answered, and "nothing
// is known" tells a client to send again what it still waits for.
func stateInfo(srv *tgtest.Server, req *tgtest.Request, n int) error {
	info := make([]byte, n)
	for i := range info {
		info[i] = 1
	}
	return reply(srv, req, &mt.MsgsStateInfo{ReqMsgID: req.MsgID, Info: info})
}

// reply sends v as a plain server message, not wrapped in rpc_result.
func reply(srv *tgtest.Server, req *tgtest.Request, v bin.Encoder) error {
	return srv.Send(req.RequestCtx, req.Session, proto.MessageServerResponse, v)
}
