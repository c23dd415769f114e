package emulator

// ReadTimeout is how long tgtest's read loop waits on an idle connection.
const ReadTimeout = readTimeout

// Conns is how many connections the DC a client dials first holds open,
// and how many it has handed to tgtest so far.
func Conns(e *Emulator) (open, served int) {
	r := e.first.ln
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.live), r.served
}
