package e2e_test

import (
	"bytes"
	"slices"
	"testing"

	"persona/emulator"
)

// TestImageFileParts: a PNG sent as a file goes up in parts like a photo,
// once its header passed, and arrives byte for byte.
func TestImageFileParts(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	file := pngFile(3*partSize + 777)
	data := slices.Clone(file.base)
	img := file.make(data) // sets the padding chunk's CRC in data
	seq := w.emu.LastSeq()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: img})), "✅")
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok || !bytes.Equal(pp.Data, data) {
		t.Fatal("the PNG file was not set byte for byte")
	}
	if small, big := savedParts(w, seq); len(small) != 4 || len(big) != 0 {
		t.Errorf("%d saveFilePart and %d saveBigFilePart calls, want 4 and none", len(small), len(big))
	}
}
