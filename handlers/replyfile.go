package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// A reply that would need more than maxReplyParts messages goes as one
// message instead (README, "Commands"): a summary as the caption and the
// whole text attached as a text/plain document. A /list of thousands is
// read in a file, not scrolled through in forty messages.

// maxReplyParts is the most messages a reply is split into.
const maxReplyParts = 5

// replyFileThreads is how many parts of a reply file go up at once: gotd's
// uploader sends one at a time by default, a round trip each, and /list of
// 3,000 records is two parts of 128 KiB, of 10,000 seven
// (BenchmarkScale3000, BenchmarkScale10000). Eight put a file of up to
// 1 MiB up in one round trip, with at most 1 MiB of parts in memory.
const replyFileThreads = 8

// maxCaptionUnits is Telegram's limit on a media caption, in UTF-16 code
// units (TDLib's caption_length_max, 1024 for an account without Premium;
// MEDIA_CAPTION_TOO_LONG past it).
const maxCaptionUnits = 1024

// fileNaming names a reply sent as a file: after the command's word, dated
// when it ran.
type fileNaming struct {
	command string
	at      time.Time
}

// replyFile is a long reply as a document: its caption and file.
type replyFile struct {
	caption string
	name    string
	data    []byte
}

// asFile makes text into a reply file named after the command (e.g.
// persona-list-2026-12-07.txt). The caption is the text's first line, the
// ✅ or ❌ and counts of the reply, and says where the rest is.
func asFile(text string, n fileNaming) replyFile {
	command := n.command
	if command == "" {
		command = "reply"
	}
	name := fmt.Sprintf("persona-%s-%s.txt", command, n.at.Format(time.DateOnly))
	first, _, _ := strings.Cut(text, "\n")
	note := fmt.Sprintf("\nThe whole answer, %s, is in the attached file %s.", plural(strings.Count(text, "\n")+1, "line"), name)
	first, _ = cutUnits(first, maxCaptionUnits-units(note))
	return replyFile{caption: first + note, name: name, data: []byte(text)}
}

// fileRandomID is the random_id of a command's reply sent as a file: not
// the one of its text reply, which a progress message may have used.
func fileRandomID(self int64, msgID, renewed int) int64 {
	return randomID(fmt.Appendf(nil, "persona reply %d %d file renewed %d", self, msgID, renewed))
}

// sendFile uploads the reply file (as the photos are: gotd's uploader, to
// the home DC) and sends it with its caption, replying to command msgID.
// It returns the message's id; a send made before (RANDOM_ID_DUPLICATE) is
// found again, with the progress messages a crash left beside it, or
// errReplyDeleted when the owner deleted it.
func (s *sender) sendFile(ctx context.Context, msgID, renewed int, f replyFile) (id int, leftovers []int, err error) {
	up, err := uploader.NewUploader(s.api).WithThreads(replyFileThreads).FromBytes(ctx, f.name, f.data)
	if err != nil {
		return 0, nil, errors.Wrap(err, "upload the answer's file")
	}
	res, err := s.api.MessagesSendMedia(ctx, &tg.MessagesSendMediaRequest{
		Peer:    &tg.InputPeerSelf{},
		ReplyTo: &tg.InputReplyToMessage{ReplyToMsgID: msgID},
		Media: &tg.InputMediaUploadedDocument{
			File:       up,
			MimeType:   "text/plain",
			Attributes: []tg.DocumentAttributeClass{&tg.DocumentAttributeFilename{FileName: f.name}},
		},
		Message:  f.caption,
		RandomID: fileRandomID(s.self, msgID, renewed),
	})
	if tgerr.Is(err, "RANDOM_ID_DUPLICATE") {
		return s.findFile(ctx, msgID)
	}
	if err != nil {
		return 0, nil, err
	}
	return sentID(res), nil, nil
}

// findFile finds the reply sent as a file before, and the text replies
// beside it: progress messages a crash kept from being deleted.
func (s *sender) findFile(ctx context.Context, msgID int) (id int, leftovers []int, err error) {
	replies, reachesCommand, err := s.repliesTo(ctx, msgID)
	if err != nil {
		return 0, nil, err
	}
	for _, r := range replies {
		if _, isFile := r.Media.(*tg.MessageMediaDocument); !isFile {
			leftovers = append(leftovers, r.ID)
		} else if id == 0 {
			id = r.ID
		}
	}
	if id == 0 && reachesCommand {
		return 0, nil, errReplyDeleted
	}
	return id, leftovers, nil
}

// putFile makes the reply the file: a new message, since Telegram does not
// turn a text message into one with a document (TDLib's editMessageMedia
// edits media messages only). A progress message is then deleted, once the
// file is journalled as the reply, so its deletion renews nothing. Like a
// progress message, the file is marked in the journal before it is sent:
// one the owner deletes before it is journalled is then renewed.
func (m *statusMessage) putFile(ctx context.Context, text string) error {
	m.reloadIfGone()
	if !m.progress {
		if err := m.sender.journal.MarkProgress(m.cmdID); err != nil {
			return err
		}
		m.progress = true
	}
	f := asFile(text, m.file)
	old := m.replyID
	id, leftovers, err := m.sender.sendFile(ctx, m.cmdID, m.renewed, f)
	if errors.Is(err, errReplyDeleted) {
		// Sent before a crash, and deleted by the owner since.
		e, rerr := m.sender.journal.RenewReply(m.cmdID, old)
		if rerr != nil {
			return rerr
		}
		m.replyID, m.progress, m.renewed = 0, false, e.Renewed
		id, leftovers, err = m.sender.sendFile(ctx, m.cmdID, m.renewed, f)
	}
	if err != nil {
		return err
	}
	if id != 0 {
		if err := m.sender.journal.SetReply(m.cmdID, id); err != nil {
			return err
		}
		m.replyID = id
	}
	m.dropProgress(ctx, append(leftovers, old))
	m.dropStale(ctx)
	return nil
}

// dropProgress deletes the progress messages the file replaced. It only
// tidies: a failure is logged.
func (m *statusMessage) dropProgress(ctx context.Context, ids []int) {
	for _, id := range ids {
		if id == 0 || id == m.replyID {
			continue
		}
		if err := m.sender.delete(ctx, id); err != nil {
			m.lg.Warn("Delete the progress replaced by the file", zap.Int("msg_id", m.cmdID), zap.Int("reply_id", id), zap.Error(err))
		}
	}
}
