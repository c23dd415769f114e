package e2e_test

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"persona/internal/pageout"
)

// rssSettle is how long a fresh daemon is left alone, once it has released
// its start-up pages, before its idle memory is read: it has nothing to do,
// and what its idle work uses is back in.
const rssSettle = 2 * time.Second

// BenchmarkIdleRSS: the resident memory of a daemon after its start, each
// job a fresh start of the same logged-in world. MiB-idle-anon is the part
// that is the daemon's own (heap, stacks); the rest is pages of the binary
// the kernel mapped from the page cache, which it can drop and share.
func BenchmarkIdleRSS(b *testing.B) {
	bn := newBench(b, b)
	var idle, anon []float64
	for b.Loop() {
		bn.restart()
		idle = append(idle, bn.memory("VmRSS"))
		anon = append(anon, bn.memory("RssAnon"))
	}
	report(b, idle, "MiB-idle")
	if len(anon) > 0 {
		b.ReportMetric(median(anon), "MiB-idle-anon")
	}
}

// BenchmarkIdleRSSAfterWork: the resident memory of a daemon that has done
// a video job and then had nothing to do for a while, as a long-lived one
// mostly is: it has handed back what the job left (after a minute by
// default; PERSONA_QUIET_AFTER=1s here).
func BenchmarkIdleRSSAfterWork(b *testing.B) {
	bn := newBench(b, b)
	bn.w.env = append(bn.w.env, "PERSONA_QUIET_AFTER=1s")
	var idle []float64
	for i := 0; b.Loop(); i++ {
		bn.restart()
		j := bn.run(setphoto(videoFile(videoBytes).variant(i)))
		bn.b.StopTimer()
		waitReleaseAfter(b, bn.d, j.id)
		time.Sleep(rssSettle)
		bn.b.StartTimer()
		idle = append(idle, bn.memory("VmRSS"))
	}
	report(b, idle, "MiB-idle")
}

// BenchmarkPhoto1MiBAfterRelease: the 1 MiB photo job, in RTTs as
// BenchmarkPhoto1MiB, each the first command after the daemon released
// what the one before left (a quiet minute; PERSONA_QUIET_AFTER=1s here):
// what the release costs the next command in page faults.
func BenchmarkPhoto1MiBAfterRelease(b *testing.B) {
	bn := newBench(b, b)
	bn.w.env = append(bn.w.env, "PERSONA_QUIET_AFTER=1s")
	bn.restart()
	file := photoFile(photoBytes)
	prev := bn.run(setphoto(file.variant(-1))) // the first of its size, on loopback
	bn.setRTT(benchRTT(b))
	for i := 0; b.Loop(); i++ {
		bn.b.StopTimer()
		waitReleaseAfter(b, bn.d, prev.id)
		bn.b.StartTimer()
		j := bn.run(setphoto(file.variant(i)))
		bn.sample(j, bn.call(j, uploadMethod))
		prev = j
	}
	bn.report("rtt/job")
}

// BenchmarkPeakRSSVideo: the high-water mark of the resident memory during
// a job of the largest profile video (1.9 MB), over the idle memory of the
// same fresh daemon.
func BenchmarkPeakRSSVideo(b *testing.B) { benchPeak(b, videoFile(videoBytes)) }

// BenchmarkPeakRSSPhoto1MiB: the same for a 1 MiB photo job.
func BenchmarkPeakRSSPhoto1MiB(b *testing.B) { benchPeak(b, photoFile(photoBytes)) }

// BenchmarkPeakRSSVideoWarm: the same for a daemon that has done one
// video job before, as a long-lived one has: the code a media job runs is
// already paged in, and the idle memory is read after that first job.
func BenchmarkPeakRSSVideoWarm(b *testing.B) { benchPeakAfter(b, videoFile(videoBytes), true) }

func benchPeak(b *testing.B, file media) { benchPeakAfter(b, file, false) }

func benchPeakAfter(b *testing.B, file media, warm bool) {
	bn := newBench(b, b)
	var idle, over []float64
	for i := 0; b.Loop(); i++ {
		bn.restart()
		if warm {
			bn.b.StopTimer()
			bn.run(setphoto(file.variant(-1 - i)))
			time.Sleep(rssSettle)
			bn.b.StartTimer()
		}
		before := bn.memory("VmRSS")
		bn.resetPeak()
		bn.run(setphoto(file.variant(i)))
		idle = append(idle, before)
		over = append(over, bn.memory("VmHWM")-before)
	}
	report(b, over, "MiB-peak-over-idle")
	if len(idle) > 0 {
		b.ReportMetric(median(idle), "MiB-idle")
	}
}

// restart stops the daemon and starts a fresh one, off the clock.
func (bn *bench) restart() {
	bn.b.StopTimer()
	defer bn.b.StartTimer()
	bn.d.stop(bn.b)
	if !slices.Contains(bn.w.env, debugLog) {
		bn.w.env = append(bn.w.env, debugLog) // the page-out is told at DEBUG
	}
	bn.d = bn.w.startDaemon(bn.b)
	waitLog(bn.b, bn.d, `Start-up pages (released|kept)`)
	time.Sleep(rssSettle)
}

// memory reads one of the daemon's Vm* lines of /proc/PID/status, in MiB.
func (bn *bench) memory(field string) float64 {
	bn.b.Helper()
	return float64(statusKiB(bn.b, bn.d, field)) / 1024
}

// statusKiB reads one field of the daemon's /proc/PID/status, in KiB.
func statusKiB(tb testing.TB, d *daemon, field string) int64 {
	tb.Helper()
	path := fmt.Sprintf("/proc/%d/status", d.cmd.Process.Pid)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("no process memory to read: %v", err)
	}
	kib, err := pageout.StatusKiB(data, field)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return kib
}

// resetPeak sets VmHWM back to the current VmRSS (proc(5), clear_refs).
func (bn *bench) resetPeak() {
	bn.b.Helper()
	path := fmt.Sprintf("/proc/%d/clear_refs", bn.d.cmd.Process.Pid)
	if err := os.WriteFile(path, []byte("5"), 0); err != nil {
		bn.b.Skipf("cannot reset the peak memory: %v", err)
	}
}
