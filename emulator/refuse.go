package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// refusal answers err to every call of a method that match accepts, until
// the rule is removed: a fault that follows one request, not the next n.
type refusal struct {
	method string
	match  func(bin.Object) bool
	err    *tgerr.Error
}

// Refuse makes every call of method whose request match accepts answer err,
// until the returned func removes the rule. It models a request Telegram
// refuses each time it is made, e.g. one reply or one message fetch.
func (e *Emulator) Refuse(method string, match func(req bin.Object) bool, err *tgerr.Error) (remove func()) {
	r := &refusal{method: method, match: match, err: err}
	e.faults.mu.Lock()
	e.faults.refusals = append(e.faults.refusals, r)
	e.faults.mu.Unlock()
	return func() {
		e.faults.mu.Lock()
		defer e.faults.mu.Unlock()
		for i, x := range e.faults.refusals {
			if x == r {
				e.faults.refusals = append(e.faults.refusals[:i:i], e.faults.refusals[i+1:]...)
				return
			}
		}
	}
}

// refused is the error a refusal rule answers to req, or nil.
func (f *faults) refused(method string, req bin.Object) *tgerr.Error {
	f.mu.Lock()
	rules := f.refusals
	f.mu.Unlock()
	for _, r := range rules {
		if r.method == method && r.match(req) {
			return r.err
		}
	}
	return nil
}

// RepliesTo matches a messages.sendMessage request that replies to msgID.
func RepliesTo(msgID int) func(bin.Object) bool {
	return func(req bin.Object) bool {
		m, ok := req.(*tg.MessagesSendMessageRequest)
		if !ok {
			return false
		}
		r, ok := m.ReplyTo.(*tg.InputReplyToMessage)
		return ok && r.ReplyToMsgID == msgID
	}
}

// FetchesMessage matches a messages.getMessages request that asks for msgID.
func FetchesMessage(msgID int) func(bin.Object) bool {
	return func(req bin.Object) bool {
		m, ok := req.(*tg.MessagesGetMessagesRequest)
		if !ok {
			return false
		}
		for _, in := range m.ID {
			if id, ok := in.(*tg.InputMessageID); ok && id.ID == msgID {
				return true
			}
		}
		return false
	}
}
