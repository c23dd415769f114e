package handlers

import (
	"context"
	"fmt"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/storage"
)

// notice.go: a watched contact's change, told in Saved Messages as a new
// message (never a reply), with their previous photo attached from the
// archive. storage journals each notice when the change is noticed; it is
// sent with a random_id of its own, so a restart or a lost answer sends it
// again and Telegram keeps one (docs/ARCHITECTURE.md, "RANDOM_ID_DUPLICATE
// means the first send arrived").

// noticeRandomID is notice seq's random_id: the same notice, the same id.
func noticeRandomID(self int64, seq uint64) int64 {
	return randomID(fmt.Appendf(nil, "persona notice %d %d", self, seq))
}

// sendNotices sends the notices not sent yet, oldest first.
func (r *runner) sendNotices(ctx context.Context) error {
	ns, err := r.watches.PendingNotices()
	if err != nil {
		return err
	}
	for _, n := range ns {
		if err := r.sendNotice(ctx, n); err != nil {
			return errors.Wrapf(err, "notice about %s", n.Label)
		}
		if err := r.watches.NoticeSent(n.Seq); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) sendNotice(ctx context.Context, n storage.Notice) error {
	text, media, err := r.noticeBody(ctx, n)
	if err != nil {
		return err
	}
	self, rid := &tg.InputPeerSelf{}, noticeRandomID(r.self.ID, n.Seq)
	if media == nil {
		_, err = r.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: self, Message: text, RandomID: rid, NoWebpage: true})
	} else {
		_, err = r.api.MessagesSendMedia(ctx, &tg.MessagesSendMediaRequest{Peer: self, Media: media, Message: text, RandomID: rid})
	}
	if tgerr.Is(err, "RANDOM_ID_DUPLICATE") {
		return nil // sent before a restart or a lost answer
	}
	return err
}

// noticeBody is the notice's text and the previous photo to attach, if
// there is one to attach: never a wrong one, so a copy missing or damaged
// is said to be lost.
func (r *runner) noticeBody(ctx context.Context, n storage.Notice) (string, tg.InputMediaClass, error) {
	head := "👁 " + n.Label + " " + noticeVerb(n.What)
	prev := n.Previous
	switch {
	case n.What == storage.NoticeSet:
		return head, nil, nil
	case prev.File == "":
		return head + "\nNo copy of their previous photo was kept: it was not visible to you.", nil, nil
	}
	of := "Their previous " + copyKind(prev) + ", of " + r.zone.at(prev.Date)
	data, err := r.archive.Get(prev.File)
	if err != nil {
		r.lg.Warn("Archived copy unusable", zap.String("contact", n.Label), zap.Error(err))
		return head + "\n" + of + ", was lost: its copy in " + r.archive.Dir() + " is missing or damaged.", nil, nil
	}
	media, err := r.noticeMedia(ctx, prev, data)
	if err != nil {
		return "", nil, err
	}
	return head + "\n" + of + ", is attached: reply " + r.prefix + "setphoto " + n.Label + " to keep it as their personal photo.", media, nil
}

func noticeVerb(what string) string {
	switch what {
	case storage.NoticeRemoved:
		return "removed their profile photo"
	case storage.NoticeSet:
		return "set a profile photo"
	}
	return "changed their profile photo"
}

func copyKind(c storage.Copy) string {
	if c.Video {
		return "video"
	}
	return "photo"
}

// noticeMedia uploads the archived copy: a photo as a photo, a video
// photo as a video with its cover frame.
func (r *runner) noticeMedia(ctx context.Context, c storage.Copy, data []byte) (tg.InputMediaClass, error) {
	name := "previous.jpg"
	if c.Video {
		name = "previous.mp4"
	}
	f, err := uploader.NewUploader(r.api).FromBytes(ctx, name, data)
	if err != nil {
		return nil, errors.Wrap(err, "upload the previous photo")
	}
	if !c.Video {
		return &tg.InputMediaUploadedPhoto{File: f}, nil
	}
	secs := c.Duration
	if secs == 0 {
		secs = clipSeconds(data) // a copy kept before its length was
	}
	video := &tg.DocumentAttributeVideo{SupportsStreaming: true, Duration: secs, W: c.W, H: c.H}
	if c.Frame > 0 {
		video.SetVideoStartTs(c.Frame)
	}
	return &tg.InputMediaUploadedDocument{
		File: f, MimeType: "video/mp4",
		Attributes: []tg.DocumentAttributeClass{video, &tg.DocumentAttributeFilename{FileName: name}},
	}, nil
}
