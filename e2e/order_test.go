package e2e_test

import (
	"bytes"
	"fmt"
	"testing"

	"persona/emulator"
)

// orderStep is one command of a sequence for one contact: set photo A or B,
// or reset.
type orderStep string

const (
	setA  orderStep = "set A"
	setB  orderStep = "set B"
	reset orderStep = "reset"
)

// orderSequences are written in quick succession for a contact each, all
// interleaved; the last step decides what the contact ends with.
var orderSequences = [][]orderStep{
	{setA, reset},
	{setA, setA, reset},
	{setA, setB},
	{setA, reset, setB},
	{setB, setA, setA},
}

// TestOrderPerContact: commands for one contact take effect and are
// answered in the order they were written (other contacts' may overlap), so the contact ends as the last command says, whether
// the daemon is running when they are written or stopped and then started.
func TestOrderPerContact(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	photoA, photoB := emulator.JPEG(800, 800, 200_000), emulator.JPEG(640, 640, 150_000)
	for _, phase := range []string{"running", "stopped"} {
		if phase == "stopped" {
			d.stop(t)
		}
		contacts := make([]emulator.User, len(orderSequences))
		for i := range contacts {
			contacts[i] = w.emu.AddUser(emulator.UserSpec{FirstName: "C", Username: fmt.Sprintf("%sc%d", phase[:3], i)})
			w.emu.AddContact(w.me.ID, contacts[i].ID)
		}
		// Step by step across the contacts, so their commands interleave.
		var ids []int
		for step := 0; step < 3; step++ {
			for i, seq := range orderSequences {
				if step >= len(seq) {
					continue
				}
				m := emulator.Message{Text: "/reset @" + contacts[i].Username}
				switch seq[step] {
				case setA:
					m = emulator.Message{Text: "/setphoto @" + contacts[i].Username, Media: emulator.Photo(photoA)}
				case setB:
					m = emulator.Message{Text: "/setphoto @" + contacts[i].Username, Media: emulator.Photo(photoB)}
				}
				ids = append(ids, w.post(t, m))
			}
		}
		if phase == "stopped" {
			d = w.startDaemon(t)
		}
		lastReply := map[int]int{} // contact → the reply to its last command
		for n, id := range ids {
			r := w.waitReply(t, d, id)
			contact := stepContact(n)
			if r.ID < lastReply[contact] {
				t.Errorf("%s: command %d answered before an earlier one for the same contact", phase, id)
			}
			lastReply[contact] = r.ID
		}
		for i, seq := range orderSequences {
			want := map[orderStep][]byte{setA: photoA, setB: photoB}[seq[len(seq)-1]]
			pp, ok := w.emu.PersonalPhoto(w.me.ID, contacts[i].ID)
			switch {
			case want == nil && ok:
				t.Errorf("%s: %v ends with a photo set", phase, seq)
			case want != nil && (!ok || !bytes.Equal(pp.Data, want)):
				t.Errorf("%s: %v does not end with the photo of its last step", phase, seq)
			}
		}
	}
}

// stepContact is the index of the contact the n-th command written by
// TestOrderPerContact is for: the sequences are written step by step.
func stepContact(n int) int {
	for step := 0; ; step++ {
		for i, seq := range orderSequences {
			if step >= len(seq) {
				continue
			}
			if n == 0 {
				return i
			}
			n--
		}
	}
}
