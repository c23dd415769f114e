package playground

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gotd/td/tg"
)

// shown tracks Saved Messages: those posted from the terminal, which are
// not printed back, and the edit date last printed of every other one.
type shown struct {
	posted map[int]bool
	edits  map[int]int
}

func newShown() *shown { return &shown{posted: map[int]bool{}, edits: map[int]int{}} }

// show prints the messages not posted here that are new or edited since
// last time: "#43 reply to #42 › ✅ …".
func (s *shown) show(w io.Writer, msgs []tg.MessageClass) {
	for _, m := range msgs {
		msg, ok := m.(*tg.Message)
		if !ok || s.posted[msg.ID] {
			continue
		}
		last, ok := s.edits[msg.ID]
		if ok && last == msg.EditDate {
			continue
		}
		s.edits[msg.ID] = msg.EditDate
		head := fmt.Sprintf("#%d", msg.ID)
		if h, isReply := msg.ReplyTo.(*tg.MessageReplyHeader); isReply {
			head += fmt.Sprintf(" reply to #%d", h.ReplyToMsgID)
		}
		if ok {
			head += ", edited"
		}
		head += " › "
		indent := "\n" + strings.Repeat(" ", utf8.RuneCountInString(head))
		fmt.Fprintf(w, "%s%s\n", head, strings.ReplaceAll(msg.Message, "\n", indent))
	}
}
