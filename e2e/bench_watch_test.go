package e2e_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// watchWindow is how long the daemon gathers updateUser before it checks
// (handlers' checkAfter): the batching window the README allows on top of
// the notice's round trips.
const watchWindow = 2 * time.Second

// BenchmarkWatchNotice: a watched contact changes their photo; from the
// updateUser push to the notice's messages.sendMedia, minus the batching
// window, in RTTs. The notice takes three round trips: the check
// (users.getUsers), the upload of the previous photo, and the send, whose
// request leaves after the first two: 2 RTT here, the send's answer the
// third.
func BenchmarkWatchNotice(b *testing.B) {
	bn := newBench(b, b)
	w := bn.w
	seq := w.emu.LastSeq()
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000))
	// @alice has a record (newBench's photo), so the change is checked:
	// the window of the first measured change starts after it.
	bn.wait(seq, "the check of the first photo", func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == "users.getUsers"
	})
	bn.run(emulator.Message{Text: "/watch @alice"})
	bn.pause()
	bn.setRTT(benchRTT(b))
	for i := 0; b.Loop(); i++ {
		seq := w.emu.LastSeq()
		w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 2000+i))
		pushed := bn.wait(seq, "the updateUser push", func(ev emulator.Event) bool {
			return ev.Kind == emulator.EventPush && ev.UserID == w.me.ID && pushesUserUpdate(ev, w.alice.ID)
		})
		sent := bn.wait(seq, "the notice", func(ev emulator.Event) bool {
			req, ok := ev.Request.(*tg.MessagesSendMediaRequest)
			return ok && ev.Err == nil && strings.HasPrefix(req.Message, "👁 @alice changed")
		})
		bn.samples = append(bn.samples, rtts(sent.Time.Sub(pushed.Time)-watchWindow, bn.rtt))
		// The new photo's copy comes after the notice: the next change's
		// notice attaches it.
		bn.wait(sent.Seq, "the copy of the new photo", func(ev emulator.Event) bool {
			return ev.Kind == emulator.EventRPC && ev.Method == "upload.getFile" && ev.Err == nil
		})
		bn.pause()
	}
	bn.report("rtt/notice")
}

// pushesUserUpdate reports whether the pushed updates carry updateUser
// for userID.
func pushesUserUpdate(ev emulator.Event, userID int64) bool {
	u, ok := ev.Result.(*tg.Updates)
	if !ok {
		return false
	}
	for _, up := range u.Updates {
		if uu, ok := up.(*tg.UpdateUser); ok && uu.UserID == userID {
			return true
		}
	}
	return false
}

// Watched contacts of BenchmarkIdleRSSWatching: a thousand, a tenth with a
// photo of their own to copy (the copies are paced, 4 a second).
const (
	watchedContacts = 1000
	watchedPhotos   = 100
)

// BenchmarkIdleRSSWatching: the idle memory of a daemon that watches
// 1,000 contacts (`/watch all`), each job a fresh start once the copies
// are kept: read after the start's check of every watched contact (one
// users.getUsers per 100) and the release once the daemon is quiet
// (PERSONA_QUIET_AFTER=1s). MiB-after-copies is the daemon that made the
// copies, read once it was quiet.
func BenchmarkIdleRSSWatching(b *testing.B) {
	bn := newBench(b, b)
	w := bn.w
	w.env = append(w.env, "PERSONA_QUIET_AFTER=1s", debugLog)
	bn.d.stop(b)
	bn.d = w.startDaemon(b)
	w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: watchedContacts, Photos: watchedPhotos})
	released := strings.Count(bn.d.log(), quietRelease)
	bn.run(emulator.Message{Text: "/watch all"})
	archive := filepath.Join(w.dir, "persona-archive")
	eventually(b, func() bool { return countFiles(archive) >= watchedPhotos }, func() string {
		return fmt.Sprintf("%d copies kept, want %d\n%s", countFiles(archive), watchedPhotos, bn.d.log())
	})
	eventually(b, func() bool { return strings.Count(bn.d.log(), quietRelease) > released }, func() string {
		return "no release once the copies were kept\n" + bn.d.log()
	})
	time.Sleep(rssSettle)
	after := bn.memory("VmRSS")
	var idle, anon []float64
	for b.Loop() {
		bn.restartWatching()
		idle = append(idle, bn.memory("VmRSS"))
		anon = append(anon, bn.memory("RssAnon"))
	}
	report(b, idle, "MiB-idle")
	if len(anon) > 0 {
		b.ReportMetric(median(anon), "MiB-idle-anon")
		b.ReportMetric(after, "MiB-after-copies")
	}
}

const quietRelease = `"msg":"Memory released after work"`

// restartWatching starts a fresh daemon, off the clock, and waits for its
// check of the watched contacts and the release once it is quiet.
func (bn *bench) restartWatching() {
	bn.b.StopTimer()
	defer bn.b.StartTimer()
	bn.d.stop(bn.b)
	seq := bn.w.emu.LastSeq()
	bn.d = bn.w.startDaemon(bn.b)
	batches := 0
	bn.wait(seq, "the start's check of the watched contacts", func(ev emulator.Event) bool {
		if req, ok := ev.Request.(*tg.UsersGetUsersRequest); ok && len(req.ID) > 1 && ev.Err == nil {
			batches++
		}
		return batches == (watchedContacts+2+99)/100 // with @alice and @bob
	})
	eventually(bn.b, func() bool { return strings.Contains(bn.d.log(), quietRelease) }, func() string {
		return "no release after the start's check\n" + bn.d.log()
	})
	time.Sleep(rssSettle)
}

// countFiles counts the archive's copies; a copy being written is a
// dot file (.tmp-*), which the pattern leaves out.
func countFiles(dir string) int {
	entries, _ := filepath.Glob(filepath.Join(dir, "*"))
	return len(entries)
}
