package e2e_test

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"persona/emulator"
)

// TestStartupPagesReleased: a second after Ready the daemon hands the
// pages start-up mapped back to the kernel, says how much that was, and
// goes on serving: the code a video job needs faults back in.
func TestStartupPagesReleased(t *testing.T) {
	t.Parallel()
	w, d := running(t)
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
