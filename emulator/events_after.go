package emulator

// EventsAfter returns the events with Seq > seq, so a long test can follow
// the log without copying all of it each time.
func (e *Emulator) EventsAfter(seq int) []Event {
	evs, _ := e.events.snapshot(seq)
	return evs
}
