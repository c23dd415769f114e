package e2e_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"persona/emulator"
)

// TestStartupPagesReleased: a second after Ready the daemon hands the
// pages start-up mapped back to the kernel, says how much that was, and
// goes on serving: the code a video job needs faults back in.
func TestStartupPagesReleased(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	w.env = append(w.env, debugLog)
	d := w.startDaemon(t)
	waitLog(t, d, `Start-up pages (released|kept)`)
	m := regexp.MustCompile(`"msg":"Start-up pages released","kib":(\d+)`).FindStringSubmatch(d.log())
	if m == nil {
		t.Skipf("this system kept them:\n%s", d.log())
	}
	// How much is not checked: pages that the other tests' daemons map
	// from the same binary stay (the kernel pages out only pages of one
	// process), and BenchmarkIdleRSS measures it alone.
	if kib, err := strconv.Atoi(m[1]); err != nil || kib < 0 {
		t.Fatalf("released %q KiB", m[1])
	}
	mp4 := emulator.MP4(800, 800, 5, 50_000)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Video(mp4, 800, 800, 5)})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, mp4) {
		t.Fatal("the video was not set byte for byte after the page-out")
	}
}

// TestMemoryReleasedAfterWork: once the daemon has had nothing to do for a
// while after a command (PERSONA_QUIET_AFTER; a minute by default), it
// hands back what the command left resident: its heap shrinks, the log
// says so, and the next command is served as before.
func TestMemoryReleasedAfterWork(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	// Long enough that the memory read right after the reply is the job's.
	w.env = append(w.env, "PERSONA_QUIET_AFTER=2s", debugLog)
	d := w.startDaemon(t)
	for i := range 2 {
		mp4 := emulator.MP4(800, 800, 5, 400_000+i)
		id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Video(mp4, 800, 800, 5)})
		wantPrefix(t, w.waitReply(t, d, id), "✅")
		busy := statusKiB(t, d, "RssAnon")
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, mp4) {
			t.Fatalf("video %d was not set byte for byte", i+1)
		}
		waitReleaseAfter(t, d, id)
		if quiet := statusKiB(t, d, "RssAnon"); quiet >= busy {
			t.Errorf("job %d: the daemon's own memory went from %d to %d KiB when released", i+1, busy, quiet)
		}
	}
}

// debugLog is the environment of a daemon whose housekeeping (memory
// released) a test reads: it logs that at DEBUG.
const debugLog = "PERSONA_LOG_LEVEL=debug"

// waitReleaseAfter waits for the daemon to log a release of memory after
// it logged command id done.
func waitReleaseAfter(t testing.TB, d *daemon, id int) {
	t.Helper()
	done := fmt.Sprintf(`"msg":"Command","msg_id":%d,`, id)
	eventually(t, func() bool {
		log := d.log()
		at := strings.Index(log, done)
		return at >= 0 && strings.Contains(log[at:], `"msg":"Memory released after work"`)
	}, func() string { return fmt.Sprintf("no release after command %d:\n%s", id, d.log()) })
}
