package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gotd/td/tg"

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

// importCard does one card of an /import and returns its finished step. A
// photo it sets is recorded together with the step, as every photo is; the
// other steps are the caller's to record.
func (r *runner) importCard(ctx context.Context, imp *vcardImport, card vcard.Card) storage.Step {
	skip := func(tally, reason string) storage.Step {
		return cardStep(imp.msgID, card, tally != tallyFailed, tally, cardName(card)+": "+reason)
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
	u := imp.contacts[m.ID]
	peer, _ := r.peerOf(u)
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
	if has, err := r.alreadyPersonal(u); err != nil || has && !imp.replace {
		if err != nil {
			return skip(tallyFailed, explain(label, err))
		}
		return skip(tallyHasPhoto, label+" already has a personal photo; replace=yes sets this one")
	}
	return r.setCardPhoto(ctx, imp, card, peer, label)
}

// setCardPhoto sets and records one card's checked photo.
func (r *runner) setCardPhoto(ctx context.Context, imp *vcardImport, card vcard.Card, peer storage.Peer, label string) storage.Step {
	line := cardName(card) + ": photo set for " + label
	step := cardStep(imp.msgID, card, true, tallySet, line)
	res, err := r.uploadCardPhoto(ctx, peer, card)
	if err == nil {
		err = r.records.SetPhoto(peer.ID, label, storage.PhotoEntry{
			Kind: kindVCard, SourceMsgID: imp.doc.msgID, CommandID: imp.msgID, PhotoID: photoID(res),
			SetAt: r.now(), FileName: imp.doc.name, Card: card.Index,
		}, step)
	}
	if err != nil {
		return cardStep(imp.msgID, card, false, tallyFailed, cardName(card)+": "+explain(label, err))
	}
	return step
}

// alreadyPersonal: Persona's record shows one, or Telegram does
// (userProfilePhoto.personal, core.telegram.org/constructor/userProfilePhoto).
func (r *runner) alreadyPersonal(u *tg.User) (bool, error) {
	if p, ok := u.Photo.(*tg.UserProfilePhoto); ok && p.Personal {
		return true, nil
	}
	rec, found, err := r.records.Photo(u.ID)
	return found && rec.Current != nil, err
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
		if u := imp.contacts[id]; u != nil {
			names = append(names, contactLabel(storage.Peer{Username: u.Username, Phone: u.Phone}))
		}
	}
	return strings.Join(names, ", ")
}
