package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// bulkContacts is how many contacts BenchmarkHideAll hides: an account of
// thousands (issue 26).
const bulkContacts = 3000

// BenchmarkHideAll: /hide all on 3,000 contacts at the benchmark RTT, from
// the answer to contacts.getContacts to the final reply, in RTTs per
// contact; the FLOOD_WAITs the emulator answered during it (the target is
// none), and the daemon's peak memory over its memory before the job.
func BenchmarkHideAll(b *testing.B) {
	rtt := benchRTT(b)
	var perContact, floods, peak []float64
	for b.Loop() {
		b.StopTimer()
		sc := &scope{TB: b}
		bn := newBench(sc, b)
		bn.w.emu.AddContacts(bn.w.me.ID, emulator.ContactsSpec{People: bulkContacts})
		time.Sleep(rssSettle)
		before := bn.memory("VmRSS")
		bn.resetPeak()
		bn.setRTT(rtt)
		b.StartTimer()
		j := bn.run(emulator.Message{Text: "/hide all"})
		b.StopTimer()
		list := bn.call(j, "contacts.getContacts")
		n := float64(bulkContacts + 2) // and alice and bob
		perContact = append(perContact, rtts(j.answer.Time.Sub(list.Time), rtt)/n)
		floods = append(floods, float64(floodsAfter(bn.w, j.seq)))
		peak = append(peak, bn.memory("VmHWM")-before)
		if text := answerText(j.answer); !strings.Contains(text, " 0 failed") {
			b.Fatalf("/hide all: %q", text)
		}
		sc.close()
		b.StartTimer()
	}
	report(b, perContact, "rtt/contact")
	b.ReportMetric(median(floods), "flood-waits")
	b.ReportMetric(median(peak), "MiB-peak-over-idle")
}

// floodsAfter counts the calls answered FLOOD_WAIT after event seq.
func floodsAfter(w *world, seq int) int {
	n := 0
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Err != nil && tgerr.Is(ev.Err, tgerr.ErrFloodWait) {
			n++
		}
	}
	return n
}
