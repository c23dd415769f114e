package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"persona/emulator"
)

const backlog = 100

// BenchmarkBacklog100: 100 commands, each a 1 MiB photo for another of 100
// contacts, written while the daemon is stopped, from its start to the
// 100th reply, in RTTs. Each job has a world of its own, freed after it,
// as each holds 300 MB of files.
func BenchmarkBacklog100(b *testing.B) {
	file := photoFile(photoBytes)
	rtt := benchRTT(b)
	var total []float64
	for b.Loop() {
		b.StopTimer()
		sc := &scope{TB: b}
		b.Cleanup(sc.close)
		bn := newBench(sc, b)
		users := bn.w.addContacts(backlog)
		bn.d.stop(b)
		ids := make([]int, 0, backlog)
		for i, u := range users {
			ids = append(ids, bn.w.post(b, emulator.Message{Text: "/setphoto @" + u.Username, Media: file.variant(i)}))
		}
		seq := bn.w.emu.LastSeq()
		bn.setRTT(rtt)
		b.StartTimer()
		start := time.Now()
		bn.d = bn.w.startDaemon(sc)
		last := bn.waitReplies(seq, ids)
		b.StopTimer()
		total = append(total, rtts(last.Sub(start), rtt))
		sc.close()
		b.StartTimer()
	}
	report(b, total, "rtt/100cmds")
}

// waitReplies waits for a ✅ answer to each of ids and returns the time
// of the last.
func (bn *bench) waitReplies(seq int, ids []int) time.Time {
	bn.b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	left := map[int]bool{}
	for _, id := range ids {
		left[id] = true
	}
	var last time.Time
	for len(left) > 0 {
		ev, err := bn.w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool { return left[bn.answerTo(ev)] })
		if err != nil {
			bn.b.Fatalf("%d of %d commands unanswered\ndaemon log:\n%s", len(left), len(ids), bn.d.log())
		}
		if text := answerText(ev); !strings.HasPrefix(text, "✅") {
			bn.b.Fatalf("a command of the backlog got %q\ndaemon log:\n%s", text, bn.d.log())
		}
		delete(left, bn.answerTo(ev))
		seq, last = ev.Seq, ev.Time
	}
	return last
}

// scope holds the cleanups of one benchmark job, so that its world and
// daemon end with the job and not with the benchmark.
type scope struct {
	testing.TB
	cleanups []func()
}

func (s *scope) Cleanup(f func()) { s.cleanups = append(s.cleanups, f) }

func (s *scope) close() {
	for len(s.cleanups) > 0 {
		f := s.cleanups[len(s.cleanups)-1]
		s.cleanups = s.cleanups[:len(s.cleanups)-1]
		f()
	}
}

// BenchmarkCallsPerSetphoto: the Telegram calls of one /setphoto of a
// 1 MiB photo to a known contact. Only the media's parts, one
// uploadContactProfilePhoto and one reply are allowed; anything else fails.
// The photo is 1000 bytes short of 1 MiB, as a real one ends anywhere: one
// that ends on a 512 KiB boundary costs a last, empty upload.getFile, since
// gotd's downloader reads until a short part.
func BenchmarkCallsPerSetphoto(b *testing.B) {
	bn := newBench(b, b)
	file := photoFile(photoBytes - 1000)
	var other, total []float64
	for i := 0; b.Loop(); i++ {
		j := bn.run(setphoto(file.variant(i)))
		bn.pause() // what the daemon does after its reply counts too
		calls := bn.calls(j)
		n := 0
		for _, evs := range calls {
			n += len(evs)
		}
		other = append(other, float64(len(calls[""])))
		total = append(total, float64(n))
	}
	report(b, other, "rpcs-other")
	if len(total) > 0 {
		b.ReportMetric(median(total), "rpcs/job")
	}
}

// calls sorts the job's RPCs: by method for the allowed ones, and under ""
// the extras, which it reports as errors.
func (bn *bench) calls(j job) map[string][]string {
	out := map[string][]string{}
	seen := map[string]int{}
	for _, ev := range bn.w.emu.Events()[j.seq:] {
		if ev.Kind != emulator.EventRPC {
			continue
		}
		seen[ev.Method]++
		switch {
		case ev.Method == "upload.getFile", ev.Method == "upload.saveFilePart", ev.Method == "upload.saveBigFilePart":
			out[ev.Method] = append(out[ev.Method], ev.Method)
		case (ev.Method == uploadMethod || ev.Method == replyMethod) && seen[ev.Method] == 1 && ev.Err == nil:
			out[ev.Method] = append(out[ev.Method], ev.Method)
		default:
			extra := ev.Method
			if ev.Err != nil {
				extra += " (" + ev.Err.Error() + ")"
			}
			out[""] = append(out[""], extra)
		}
	}
	if len(out[uploadMethod]) != 1 || len(out[replyMethod]) != 1 || len(out[""]) > 0 {
		bn.b.Errorf("one /setphoto to a known contact made %v; want only the parts, one %s and one %s",
			seen, uploadMethod, replyMethod)
		bn.b.Errorf("extra calls: %q", out[""])
	}
	return out
}
