package e2e_test

import (
	"time"

	"persona/emulator"
)

// soakFaults injects the network's and Telegram's misbehaviour between
// bursts, and counts it.
type soakFaults struct {
	disconnects int
	forgotten   int // times the media DC forgot its imported authorization
	lost        int // answers lost with the connection
	delays      int
	active      map[string]time.Time // delayed methods → when the delay ends
	injected    map[string]int       // FLOOD_WAITs injected per method
	served      map[string]int       // FLOOD_WAITs Telegram answered per method
	scanned     int                  // the event log is read up to here
}

func newSoakFaults() soakFaults {
	return soakFaults{active: map[string]time.Time{}, injected: map[string]int{}, served: map[string]int{}}
}

// Methods the faults hit: the ones a command's work goes through.
var (
	delayMethods = []string{uploadMethod, "upload.saveFilePart", "upload.getFile", "messages.sendMessage",
		"messages.getMessages", "users.getFullUser", "updates.getDifference"}
	lostMethods = []string{uploadMethod, "upload.saveFilePart", "upload.getFile", "messages.sendMessage",
		"messages.getMessages", "users.getFullUser"}
	floodMethods = []string{uploadMethod, "upload.saveFilePart", "upload.getFile", "messages.sendMessage",
		"messages.getMessages", "users.getFullUser"}
)

// inject does one fault: a dropped connection, one dropped after Telegram
// did a call but before its answer, a slow method for a moment, or a
// short FLOOD_WAIT (1 or 2 s: the daemon waits it out silently, where one
// of a minute or more would be told to the user).
func (f *soakFaults) inject(s *soak) {
	emu := s.w.emu
	if f.forgotten == 0 && f.disconnects+f.lost+f.delays >= 2 { // at least once per run
		emu.ForgetImported(4)
		f.forgotten++
		return
	}
	switch p := s.rng.IntN(11); {
	case p < 3:
		emu.Disconnect(s.w.me.ID)
		f.disconnects++
	case p == 10:
		emu.ForgetImported(4) // the media DC forgets the authorization imported into it
		f.forgotten++
	case p < 5:
		emu.DropAnswer(lostMethods[s.rng.IntN(len(lostMethods))], 1)
		f.lost++
	case p < 7:
		method := delayMethods[s.rng.IntN(len(delayMethods))]
		emu.Delay(method, time.Duration(20+s.rng.IntN(180))*time.Millisecond)
		f.active[method] = time.Now().Add(time.Duration(200+s.rng.IntN(800)) * time.Millisecond)
		f.delays++
	default:
		method := floodMethods[s.rng.IntN(len(floodMethods))]
		f.scan(s)
		// One at a time per method: the daemon retries a flood wait five
		// times, so a queue of them would become a failure, not a wait.
		if f.floods() >= s.plan.floods || f.injected[method] > f.served[method] {
			return
		}
		emu.Fail(method, emulator.FloodWait(1+s.rng.IntN(5)/4), 1)
		f.injected[method]++
	}
}

// expire ends the delays whose time is up; all of them when all is true.
func (f *soakFaults) expire(s *soak, all bool) {
	for method, until := range f.active {
		if all || time.Now().After(until) {
			s.w.emu.Delay(method, 0)
			delete(f.active, method)
		}
	}
}

// scan counts the FLOOD_WAITs served since the last scan.
func (f *soakFaults) scan(s *soak) {
	for _, ev := range s.w.emu.EventsAfter(f.scanned) {
		if ev.Kind == emulator.EventRPC && ev.Err != nil && ev.Err.Type == "FLOOD_WAIT" {
			f.served[ev.Method]++
		}
		f.scanned = ev.Seq
	}
}

func (f *soakFaults) floods() int {
	n := 0
	for _, v := range f.injected {
		n += v
	}
	return n
}

func (f *soakFaults) floodsServed() int {
	n := 0
	for _, v := range f.served {
		n += v
	}
	return n
}
