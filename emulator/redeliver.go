package emulator

import (
	"github.com/go-faster/errors"
)

// Redeliver pushes one of the account's messages again as a new message
// with a fresh pts, as Telegram may after trouble on its side: a client must
// recognise the message and not act on it twice. getDifference from before
// brings it twice too, at both its pts.
func (e *Emulator) Redeliver(account int64, msgID int) error {
	e.mu.Lock()
	w := e.world
	b := w.box(account)
	m, ok := b.msgs[msgID]
	if !ok {
		e.mu.Unlock()
		return errors.Errorf("no message %d of %d", msgID, account)
	}
	p := w.pushUpdate(account, b.logNew(m), m, int(e.now().Unix()), 0)
	e.mu.Unlock()
	e.deliver([]push{p})
	return nil
}
