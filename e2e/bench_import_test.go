package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"persona/emulator"
)

// importCards and importFileBytes: issue 27's file, 2,000 cards with a
// small JPEG each, about 20 MB (the largest /import reads).
const (
	importCards     = 2000
	importFileBytes = 19_500_000
)

// BenchmarkImport2000: an /import replace=yes of a 2,000-card file of
// about 20 MB, every card a contact's, on a fresh daemon: the high-water
// mark of its resident memory over its idle memory (the file is streamed
// twice, never held whole), the daemon's CPU for the whole job, and how
// long it took, paced by the session's rate limit (two calls a card).
func BenchmarkImport2000(b *testing.B) {
	bn := newBench(b, b)
	people := bn.w.emu.AddContacts(bn.w.me.ID, emulator.ContactsSpec{People: importCards})
	file := importFile(people)
	var over, idle, cpu, secs []float64
	for b.Loop() {
		bn.restart()
		before, cpu0 := bn.memory("VmRSS"), bn.cpuTime()
		bn.resetPeak()
		j := bn.runImport(file)
		idle = append(idle, before)
		over = append(over, bn.memory("VmHWM")-before)
		cpu = append(cpu, (bn.cpuTime() - cpu0).Seconds())
		secs = append(secs, j.answer.Time.Sub(j.pushed.Time).Seconds())
	}
	report(b, over, "MiB-peak-over-idle")
	if len(idle) > 0 {
		b.ReportMetric(median(idle), "MiB-idle")
		b.ReportMetric(median(cpu), "cpu-s")
		b.ReportMetric(median(secs), "s/import")
	}
}

// importFile is one card per contact, each with a JPEG padded so the file
// is about importFileBytes.
func importFile(people []emulator.User) []byte {
	base := len(emulator.JPEG(160, 160, 0))
	perCard := importFileBytes / len(people) * 3 / 4 // the photo's share, before base64
	jpeg := emulator.JPEG(160, 160, max(0, perCard-base))
	var file strings.Builder
	for _, u := range people {
		file.WriteString(card30(u.FirstName+" "+u.LastName, "+"+u.Phone, jpeg))
	}
	return []byte(file.String())
}

// runImport posts file with /import replace=yes and waits for its answer,
// which must be ✅.
func (bn *bench) runImport(file []byte) job {
	bn.b.Helper()
	w := bn.w
	j := job{seq: w.emu.LastSeq()}
	id, err := w.emu.PostDocument(w.me.ID, "contacts.vcf", "text/vcard", file, "/import replace=yes")
	if err != nil {
		bn.b.Fatal(err)
	}
	j.id = id
	me := w.me.ID
	j.pushed = bn.wait(j.seq, "the push of the command", func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventPush && ev.UserID == me && ev.Err == nil && pushes(ev, j.id)
	})
	j.answer = bn.waitLong(j.seq, "the answer", func(ev emulator.Event) bool { return bn.answerTo(ev) == j.id })
	if text := answerText(j.answer); !strings.HasPrefix(text, "✅ 2,000 cards: 2,000 photos set") {
		bn.b.Fatalf("/import got %q\ndaemon log:\n%s", text, bn.d.log())
	}
	return j
}

// importTimeout: 4,000 calls at the session's 100 a second, and room.
const importTimeout = 5 * time.Minute

// waitLong is wait with importTimeout.
func (bn *bench) waitLong(seq int, what string, match func(emulator.Event) bool) emulator.Event {
	bn.b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), importTimeout)
	defer cancel()
	ev, err := bn.w.emu.WaitEvent(ctx, seq, match)
	if err != nil {
		bn.b.Fatalf("no %s within %s\ndaemon log:\n%s", what, importTimeout, bn.d.log())
	}
	return ev
}
