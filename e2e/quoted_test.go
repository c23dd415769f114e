package e2e_test

import (
	"bytes"
	"testing"

	"persona/emulator"
)

// TestReplyFromAnotherChat: a command in Saved Messages that quotes a
// channel's photo ("Reply in another chat") sets that photo, never the
// older Saved Messages photo that happens to have the same id: from
// reply_media when Telegram sends it, else fetched from the channel; also
// when the command comes in Telegram's short form (updateShortMessage),
// from which gotd rebuilds the message and its reply header.
func TestReplyFromAnotherChat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		omit  bool // no reply_media: the photo is fetched from the channel
		short bool // the command comes as updateShortMessage: docs/ARCHITECTURE.md, "Short updates carry messages too"
	}{
		{name: "reply_media"},
		{name: "fetched from the channel", omit: true},
		{name: "short form", short: true},
	} {
		omit := tt.omit
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, d := running(t)
			w.emu.SetShortUpdates(tt.short)
			saved, savedMedia := photo()
			sameID := w.post(t, emulator.Message{Media: savedMedia})
			ch := w.emu.AddChat(emulator.ChatSpec{Title: "News", Kind: emulator.Channel, Members: []int64{w.me.ID, w.bob.ID}})
			var postID int
			for postID < sameID-1 {
				id, err := w.emu.PostToChat(ch.ID, w.bob.ID, emulator.Message{Text: "news"})
				if err != nil {
					t.Fatal(err)
				}
				postID = id
			}
			theirs := emulator.JPEG(640, 640, 100_000)
			postID, err := w.emu.PostToChat(ch.ID, w.bob.ID, emulator.Message{Media: emulator.Photo(theirs)})
			if err != nil {
				t.Fatal(err)
			}
			if postID != sameID {
				t.Fatalf("the channel photo is message %d, Saved Messages' photo %d: the test needs them equal", postID, sameID)
			}
			id := w.post(t, emulator.Message{Text: "/setphoto @alice", ReplyTo: postID, ReplyToChat: ch.ID, OmitReplyMedia: omit})
			wantPrefix(t, w.waitReply(t, d, id), "✅")
			pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
			switch {
			case !ok:
				t.Fatal("no personal photo")
			case bytes.Equal(pp.Data, saved):
				t.Fatal("the Saved Messages photo with the same id was set, not the channel's")
			case !bytes.Equal(pp.Data, theirs):
				t.Fatal("the personal photo is not the channel's photo")
			}
			if omit && len(w.emu.Calls("channels.getMessages")) == 0 {
				t.Error("without reply_media the photo was not fetched from the channel")
			}
		})
	}
}
