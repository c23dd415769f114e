package e2e_test

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"persona/emulator"
)

// TestStartupPagesReleased: a second after Ready the daemon hands the
// pages start-up mapped back to the kernel, says how many, and goes on
// serving: the code a video job needs faults back in.
func TestStartupPagesReleased(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	waitLog(t, d, `Start-up pages (released|kept)`)
	m := regexp.MustCompile(`"msg":"Start-up pages released","kib":(\d+)`).FindStringSubmatch(d.log())
	if m == nil {
		t.Skipf("this system kept them:\n%s", d.log())
	}
	if kib, _ := strconv.Atoi(m[1]); kib <= 0 {
		t.Fatalf("released %d KiB", kib)
	}
	mp4 := emulator.MP4(800, 800, 5, 50_000)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Video(mp4, 800, 800, 5)})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, mp4) {
		t.Fatal("the video was not set byte for byte after the page-out")
	}
}
