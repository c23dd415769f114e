package handlers

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/storage"
)

// historyAnswer renders /history's answer for entries, newest first, as
// the command does.
func historyAnswer(entries ...storage.PhotoEntry) string {
	out := outcome{header: historyHeader + "@alice, newest first"}
	out.add(true, "• now: "+describeEntry(entries[0], zone{time.UTC}))
	for i, e := range entries[1:] {
		out.add(true, "• "+itoa(i+1)+": "+describeEntry(e, zone{time.UTC}))
	}
	return out.String()
}

func quoteHeader(text, quote string) *tg.MessageReplyHeader {
	h := &tg.MessageReplyHeader{ReplyToMsgID: 1}
	if quote != "" {
		h.SetQuoteText(quote)
		h.SetQuoteOffset(len(utf16.Encode([]rune(text[:strings.Index(text, quote)]))))
	}
	return h
}

func TestHistoryEntry(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 30, 0, 0, time.Local)
	frame := 2.5
	photo := storage.PhotoEntry{Kind: kindPhoto, SourceMsgID: 12, SetAt: at}
	video := storage.PhotoEntry{Kind: kindVideo, SourceMsgID: 120, SetAt: at, Frame: &frame}
	sticker := storage.PhotoEntry{Kind: kindSticker, SourceMsgID: 7, SetAt: at, BG: []uint32{0x112233, 0xABCDEF}}
	three := historyAnswer(photo, video, sticker)
	tests := []struct {
		name    string
		text    string
		out     bool
		quote   string
		want    historyRef
		history bool
		err     string
	}{
		{"not ours", three, false, "", historyRef{}, false, ""},
		{"not /history", "✅ @alice: personal photo set", true, "", historyRef{}, false, ""},
		{"only entry", historyAnswer(photo), true, "", historyRef{sourceMsgID: 12}, true, ""},
		{"which one", three, true, "", historyRef{}, true, "lists 3 photos; which one?"},
		{"quoted line", three, true, "• 1: video from message 120 (frame=2.5), set", historyRef{sourceMsgID: 120, opts: optsOf(&frame, nil)}, true, ""},
		// A quote of part of a line means the whole line: "message 1" is 120.
		{"part of a line", three, true, "video from message 1", historyRef{sourceMsgID: 120, opts: optsOf(&frame, nil)}, true, ""},
		{"sticker colours", three, true, "2: sticker", historyRef{sourceMsgID: 7, opts: optsOf(nil, []uint32{0x112233, 0xABCDEF})}, true, ""},
		{"first of 12 and 120", three, true, "photo from message 12,", historyRef{sourceMsgID: 12}, true, ""},
		{"quote of the header", three, true, "personal photos of", historyRef{}, true, "names no photo"},
		{"quote of two lines", three, true, "120 (frame=2.5), set " + at.Format(timeFormat) + "\n• 2", historyRef{}, true, "covers 2 photos of /history; which one?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := &tg.Message{ID: 1, Out: tt.out, Message: tt.text}
			got, history, err := historyEntry(msg, quoteHeader(tt.text, tt.quote))
			if history != tt.history {
				t.Fatalf("isHistory %v, want %v", history, tt.history)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v (%v), want %+v", got, err, tt.want)
			}
		})
	}
}

// TestHistoryEntryQuoteNotFound: a quote the answer does not contain (the
// offset and the text disagree) is refused rather than guessed.
func TestHistoryEntryQuoteNotFound(t *testing.T) {
	text := historyAnswer(storage.PhotoEntry{Kind: kindPhoto, SourceMsgID: 5})
	h := &tg.MessageReplyHeader{ReplyToMsgID: 1}
	h.SetQuoteText("emoji from message 99")
	_, history, err := historyEntry(&tg.Message{Out: true, Message: text}, h)
	if !history || err == nil {
		t.Fatalf("isHistory %v, err %v; want a /history answer and an error", history, err)
	}
}

// FuzzHistoryEntry: any text and quote give an answer or an error, never a
// panic, and a quote of one whole line of a real answer reads back that
// line's entry.
func FuzzHistoryEntry(f *testing.F) {
	f.Add("✅ personal photos of @a, newest first\n• now: photo from message 3, set x", "photo", 0)
	f.Add("✅ personal photos of é\n• 1: video from message 9 (frame=1 bg=#000000)", "from message 9 (", 40)
	f.Fuzz(func(t *testing.T, text, quote string, offset int) {
		h := &tg.MessageReplyHeader{}
		h.SetQuoteText(quote)
		h.SetQuoteOffset(offset)
		_, _, _ = historyEntry(&tg.Message{Out: true, Message: text}, h)
	})
}

func optsOf(frame *float64, bg []uint32) (o command.Look) {
	o.Frame, o.BG = frame, bg
	return o
}
