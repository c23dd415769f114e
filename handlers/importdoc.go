package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media"
	"persona/media/vcard"
)

// maxVCardFile is the largest file /import reads (README, "Commands"), told
// before a byte is downloaded.
const maxVCardFile = 20 << 20

// vcardDoc is the document an /import reads: the message holding it and
// where its bytes are.
type vcardDoc struct {
	msgID int
	name  string
	src   media.Source
}

// vcardDocument is the document attached to the command or, if none, to
// the message it replies to. Any document is read: its content, not its
// mime type or name, says whether it is a vCard.
func (r *runner) vcardDocument(ctx context.Context, msg *tg.Message) (vcardDoc, error) {
	if d, ok := documentOf(msg); ok {
		return checkVCardDoc(msg.ID, d)
	}
	if _, isPhoto := msg.Media.(*tg.MessageMediaPhoto); isPhoto {
		return vcardDoc{}, usererr.New("that is a photo; /import reads a vCard file (.vcf), as your phone's contacts app exports them")
	}
	h, ok := msg.ReplyTo.(*tg.MessageReplyHeader)
	if !ok || h.ReplyToMsgID == 0 || h.ReplyToPeerID != nil {
		return vcardDoc{}, usererr.New("attach a vCard file (.vcf) to /import, or reply /import to one in Saved Messages")
	}
	replied, found, err := r.fetchMessage(ctx, h.ReplyToMsgID)
	if err != nil {
		return vcardDoc{}, err
	}
	if !found {
		return vcardDoc{}, usererr.New(fmt.Sprintf("message %d, which /import replies to, was deleted", h.ReplyToMsgID))
	}
	d, ok := documentOf(replied)
	if !ok {
		return vcardDoc{}, usererr.New("the message you replied to has no file; reply /import to a vCard file (.vcf)")
	}
	return checkVCardDoc(replied.ID, d)
}

// documentOf is the document a message carries, if any.
func documentOf(m *tg.Message) (*tg.Document, bool) {
	md, ok := m.Media.(*tg.MessageMediaDocument)
	if !ok {
		return nil, false
	}
	d, ok := md.Document.(*tg.Document)
	return d, ok
}

// checkVCardDoc refuses a file over the limit by the size its message
// states; the reader enforces the limit again on the bytes.
func checkVCardDoc(msgID int, d *tg.Document) (vcardDoc, error) {
	doc := vcardDoc{msgID: msgID, name: "the file", src: media.Source{
		MsgID: msgID, DC: d.DCID, Size: d.Size,
		Location: &tg.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference},
	}}
	for _, a := range d.Attributes {
		if fn, ok := a.(*tg.DocumentAttributeFilename); ok && strings.TrimSpace(fn.FileName) != "" {
			doc.name = fn.FileName
		}
	}
	if d.Size > maxVCardFile {
		return vcardDoc{}, usererr.New(fmt.Sprintf("%s is %.1f MB; /import reads vCard files of at most 20 MB", doc.name, float64(d.Size)/(1<<20)))
	}
	return doc, nil
}

// eachCard streams the document through a vCard reader and hands each card
// to f, in order, until f says stop. Only the card at hand and its photo
// are in memory: the download writes into a pipe the reader reads.
func (r *runner) eachCard(ctx context.Context, doc vcardDoc, f func(vcard.Card) (stop bool)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	downloaded := make(chan error, 1)
	go func() {
		err := r.transfer.Download(ctx, doc.src, pw)
		_ = pw.CloseWithError(err)
		downloaded <- err
	}()
	err := readCards(pr, doc.name, f)
	_ = pr.CloseWithError(io.ErrClosedPipe) // the download stops at its next part
	cancel()
	dlErr := <-downloaded
	if err != nil && dlErr != nil && !errors.Is(dlErr, io.ErrClosedPipe) && !errors.Is(dlErr, context.Canceled) {
		return dlErr // the reader only saw the download fail
	}
	return err
}

// readCards reads cards from in; the errors that end the file become words
// for the user.
func readCards(in io.Reader, name string, f func(vcard.Card) (stop bool)) error {
	rd := vcard.NewReader(in, vcard.Limits{MaxFile: maxVCardFile})
	for {
		card, err := rd.Next()
		var notVCard *vcard.NotVCardError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &notVCard):
			return usererr.New(fmt.Sprintf("%s is not a vCard file: it looks like %s", name, notVCard.What))
		case errors.Is(err, vcard.ErrFileTooLarge):
			return usererr.New(name + " is over 20 MB; /import reads vCard files of at most 20 MB")
		case err != nil:
			return err
		}
		if f(card) {
			return nil
		}
	}
}
