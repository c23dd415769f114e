package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"persona/media/vcard"
	"persona/storage"
)

// What a card counts as in /import's summary (storage.Step.Tally), in the
// order the summary names them.
const (
	tallySet       = "set"
	tallyNoContact = "no Telegram contact"
	tallyNoPhoto   = "no photo"
	tallyLink      = "photo is a link"
	tallyAmbiguous = "ambiguous"
	tallyRefused   = "refused"
	tallyHasPhoto  = "kept their personal photo"
	tallyDamaged   = "damaged"
	tallyFailed    = "failed"
)

var tallies = []string{tallySet, tallyNoContact, tallyNoPhoto, tallyLink, tallyAmbiguous, tallyRefused, tallyHasPhoto, tallyDamaged, tallyFailed}

// judgeCard is a card's item in the job when the file is first read: to
// do, with the contact it is matched to, or skipped (or failed) with its
// tally and the words that say why. Nothing is asked of Telegram.
func (r *runner) judgeCard(imp *vcardImport, card vcard.Card) storage.BulkItem {
	it := storage.BulkItem{Index: card.Index - 1, State: storage.BulkToDo}
	skip := func(tally, reason string) storage.BulkItem {
		it.State, it.Tally, it.Line = storage.BulkSkipped, tally, cardName(card)+": "+reason
		if tally == tallyFailed {
			it.State = storage.BulkFailed
		}
		return it
	}
	if card.Problem != nil && !photoProblem(card.Problem) {
		return skip(tallyDamaged, "damaged, skipped: "+card.Problem.Error())
	}
	m := imp.matcher.Match(card.Phones)
	switch m.Result {
	case vcard.NoContact:
		return skip(tallyNoContact, tallyNoContact)
	case vcard.Ambiguous:
		return skip(tallyAmbiguous, "ambiguous: its phone matches "+imp.labels(m.Candidates))
	}
	it.Contact = imp.contacts[m.ID]
	peer := importPeer(it.Contact)
	label := contactLabel(peer)
	switch {
	case card.Problem != nil:
		return skip(tallyRefused, "photo for "+label+" refused: "+card.Problem.Error())
	case card.Photo == nil && card.PhotoLink != "":
		return skip(tallyLink, "the photo is a link, not fetched")
	case card.Photo == nil:
		return skip(tallyNoPhoto, tallyNoPhoto)
	}
	if err := r.noPersonalPhoto(peer, label); err != nil {
		return skip(tallyRefused, explain(label, err))
	}
	if err := checkCardPhoto(card.Photo); err != nil {
		return skip(tallyRefused, "photo for "+label+" refused: "+explain("", err))
	}
	if has, err := r.alreadyPersonal(it.Contact, imp.msgID); err != nil || has && !imp.replace {
		if err != nil {
			return skip(tallyFailed, explain(label, err))
		}
		return skip(tallyHasPhoto, label+hasPhotoWords)
	}
	return it
}

const hasPhotoWords = " already has a personal photo; replace=yes sets this one"

// setCard sets the photo of a card judged to do, read again from the file.
// A personal photo set since the file was first read (by a command that
// ran while the import gave way) is kept unless replace=yes.
func (r *runner) setCard(ctx context.Context, imp *vcardImport, card vcard.Card, it storage.BulkItem) storage.Step {
	peer := importPeer(it.Contact)
	label := contactLabel(peer)
	if has, err := r.alreadyPersonal(it.Contact, imp.msgID); err != nil || has && !imp.replace {
		if err != nil {
			return cardStep(imp.msgID, card, false, tallyFailed, cardName(card)+": "+explain(label, err))
		}
		return cardStep(imp.msgID, card, true, tallyHasPhoto, cardName(card)+": "+label+hasPhotoWords)
	}
	return r.setCardPhoto(ctx, imp, card, peer, label)
}

// setCardPhoto sets and records one card's checked photo.
func (r *runner) setCardPhoto(ctx context.Context, imp *vcardImport, card vcard.Card, peer storage.Peer, label string) storage.Step {
	line := cardName(card) + ": photo set for " + label
	step := cardStep(imp.msgID, card, true, tallySet, line)
	res, err := r.uploadCardPhoto(ctx, peer, card)
	if err == nil {
		err = r.records.SetPhoto(peer.ID, label, vcardEntry(r, imp, card.Index, photoID(res)), step)
	}
	if err != nil {
		return cardStep(imp.msgID, card, false, tallyFailed, cardName(card)+": "+explain(label, err))
	}
	return step
}

func vcardEntry(r *runner, imp *vcardImport, card int, photoID int64) storage.PhotoEntry {
	return storage.PhotoEntry{
		Kind: kindVCard, SourceMsgID: imp.doc.msgID, CommandID: imp.msgID, PhotoID: photoID,
		SetAt: r.now(), FileName: imp.doc.name, Card: card,
	}
}

// alreadyPersonal: Persona's record shows a personal photo set by another
// command than this import or, without one, Telegram showed one when the
// contact list was read (userProfilePhoto.personal,
// core.telegram.org/constructor/userProfilePhoto). A record is newer than
// a list Telegram did not send again: a photo Persona removed since is
// gone, as withRecord has it.
func (r *runner) alreadyPersonal(c storage.Contact, msgID int) (bool, error) {
	rec, found, err := r.records.Photo(c.ID)
	switch {
	case err != nil || !found:
		return c.Personal, err
	case rec.Current != nil:
		return rec.Current.CommandID != msgID, nil
	}
	return c.Personal && rec.Elsewhere != "", nil
}

// importPeer is a contact of the list as the calls and the words need it.
func importPeer(c storage.Contact) storage.Peer {
	return storage.Peer{
		ID: c.ID, AccessHash: c.AccessHash, Username: c.Username, Phone: c.Phone,
		FirstName: c.FirstName, LastName: c.LastName, Bot: c.Bot, Deleted: c.Deleted,
	}
}

// photoProblem tells a card whose only damage is its photo: it is matched
// first, so a card for no contact is not named for a photo no one gets.
func photoProblem(err error) bool {
	return errors.Is(err, vcard.ErrBadBase64) || errors.Is(err, vcard.ErrBadDataURI) || errors.Is(err, vcard.ErrPhotoTooLarge)
}

// cardName names a card in the reply: "card 3 (Ann Lee)".
func cardName(card vcard.Card) string {
	if card.Name == "" {
		return fmt.Sprintf("card %d", card.Index)
	}
	return fmt.Sprintf("card %d (%s)", card.Index, card.Name)
}

// contactLabel names a contact matched by phone: their username, else
// their phone.
func contactLabel(p storage.Peer) string {
	if p.Username != "" {
		return "@" + p.Username
	}
	if len(p.Usernames) > 0 {
		return "@" + p.Usernames[0]
	}
	return "+" + p.Phone
}

// labels names the contacts an ambiguous card may be.
func (imp *vcardImport) labels(ids []int64) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if c, ok := imp.contacts[id]; ok {
			names = append(names, contactLabel(importPeer(c)))
		}
	}
	return strings.Join(names, ", ")
}
