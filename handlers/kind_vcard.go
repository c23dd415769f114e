package handlers

import (
	"bytes"
	"context"
	"fmt"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media"
	"persona/media/imagefile"
	"persona/media/vcard"
	"persona/storage"
)

// kindVCard is /import's: the PHOTO of one card of a vCard file in Saved
// Messages. The entry names the file (FileName), its message (SourceMsgID)
// and the card (Card); it is set again by reading that card again.
const kindVCard storage.PhotoKind = "vcard"

func init() {
	registerKind(kindVCard, photoKind{
		describe: func(e storage.PhotoEntry, z zone) string {
			return "photo from " + vcardSource(e) + ", set " + z.at(e.SetAt)
		},
		backTo:   func(e storage.PhotoEntry, z zone) string { return "the photo from " + vcardSource(e) },
		setAgain: (*runner).setVCardAgain,
	})
}

// vcardSource names where an imported photo came from: "vCard
// contacts.vcf, card 3".
func vcardSource(e storage.PhotoEntry) string {
	return fmt.Sprintf("vCard %s, card %d", e.FileName, e.Card)
}

// setVCardAgain reads the entry's card from its message's document again
// and sets its photo, for /undo and timers going back to an /import.
func (r *runner) setVCardAgain(ctx context.Context, peer storage.Peer, e storage.PhotoEntry) (*tg.PhotosPhoto, error) {
	msg, ok, err := r.fetchMessage(ctx, e.SourceMsgID)
	if err != nil {
		return nil, err
	}
	d, hasDoc := documentOf(msg)
	if !ok || !hasDoc {
		return nil, usererr.New(fmt.Sprintf("message %d with %s was deleted; /import it again", e.SourceMsgID, e.FileName))
	}
	doc, err := checkVCardDoc(msg.ID, d)
	if err != nil {
		return nil, err
	}
	var card vcard.Card
	err = r.eachCard(ctx, doc, func(c vcard.Card) bool {
		if c.Index == e.Card {
			card = c
		}
		return c.Index >= e.Card
	})
	if err != nil {
		return nil, err
	}
	if card.Index == 0 || card.Photo == nil {
		return nil, usererr.New(fmt.Sprintf("%s no longer has a photo in card %d", e.FileName, e.Card))
	}
	if err := checkCardPhoto(card.Photo); err != nil {
		return nil, err
	}
	return r.uploadCardPhoto(ctx, peer, card)
}

// checkCardPhoto applies the rules of any image to a card's photo: JPEG or
// PNG (what Telegram takes as a photo file without converting it), 10 MB
// at most, and the sides imagefile.Check checks (at least 160 px).
func checkCardPhoto(photo []byte) error {
	if err := media.CheckSize(media.KindImage, int64(len(photo))); err != nil {
		return err
	}
	switch f := imagefile.Sniff(photo); f {
	case imagefile.FormatJPEG, imagefile.FormatPNG:
	case imagefile.FormatUnknown:
		return usererr.New("the photo is not an image")
	default:
		return usererr.New(fmt.Sprintf("the photo is a %s image; Persona takes JPEG or PNG from a vCard", f))
	}
	_, _, err := imagefile.Check(bytes.NewReader(photo))
	return err
}

// uploadCardPhoto uploads a card's checked photo and sets it as the
// contact's personal photo, sent as `file`, as /setphoto sends an image.
func (r *runner) uploadCardPhoto(ctx context.Context, peer storage.Peer, card vcard.Card) (*tg.PhotosPhoto, error) {
	name := "card.jpg"
	if imagefile.Sniff(card.Photo) == imagefile.FormatPNG {
		name = "card.png"
	}
	api := r.api
	f, err := uploader.NewUploader(api).FromBytes(ctx, name, card.Photo)
	if err != nil {
		return nil, errors.Wrap(err, "upload the photo")
	}
	return api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Save: true, UserID: inputUser(peer), File: f,
	})
}
