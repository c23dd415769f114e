package emulator

import (
	"sync"
	"time"
)

// resends remembers the msg_ids each session's calls came with. MTProto
// has the client send a message again, with the same msg_id, when its
// acknowledgement is slow to come (gotd's rpc.Engine retryUntilAck); the
// server takes a msg_id once per session and ignores it when it comes
// again (core.telegram.org/mtproto/description, "Message Identifier":
// msg_id is unique within a session; core.telegram.org/mtproto/service_messages_about_messages,
// a re-sent message is one the server may already have). Without this, a
// slow machine would run an upload twice.
type resends struct {
	mu   sync.Mutex
	seen map[resendKey]bool
}

type resendKey struct {
	session int64
	msgID   int64
}

// keepResends is how long a msg_id is remembered: MTProto refuses
// messages whose msg_id time is more than 300 s old (msg_id too low).
const keepResends = 300 * time.Second

func newResends() *resends { return &resends{seen: map[resendKey]bool{}} }

// first reports whether this is the first time the session sent msgID.
func (r *resends) first(session, msgID int64, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := resendKey{session, msgID}
	if r.seen[k] {
		return false
	}
	if len(r.seen) >= 4096 {
		r.forgetBefore(now.Add(-keepResends))
	}
	r.seen[k] = true
	return true
}

// forgetBefore drops the msg_ids sent before t: the upper 32 bits of a
// msg_id are its Unix time.
func (r *resends) forgetBefore(t time.Time) {
	for k := range r.seen {
		if k.msgID>>32 < t.Unix() {
			delete(r.seen, k)
		}
	}
}
