package handlers

import (
	"context"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/media/vcard"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "import",
			Usage:   "/import [replace=yes]",
			Summary: "sets the photos of a vCard file (.vcf) as your contacts' personal photos",
			Example: "/import",
			Notes: []string{
				"The file is what your phone's contacts app exports (Android, iOS, Google Contacts,",
				"Outlook: vCard 2.1, 3.0 or 4.0), up to 20 MB: send it with /import as its caption, or reply to it.",
				"Cards are matched to contacts by phone number, digits only, never by name; a number",
				"without its country code matches only when exactly one contact's number ends with it.",
				"A photo must be a JPEG or PNG, at least 160×160 px and at most 10 MB; a link is not fetched.",
				"No contact is added. A contact with a personal photo keeps it, unless replace=yes.",
				"/undo, /history and /list name each photo by its file and card.",
			},
			Options: []string{"replace"},
			Targets: command.None,
			Examples: []command.Example{
				{Text: "/import replace=yes", Note: "also replaces personal photos set before"},
			},
		},
		helpOrder: 7,
		changes:   true,
		run:       (*runner).importVCard,
	})
}

// vcardImport is one /import under way: what every card is matched and
// checked against.
type vcardImport struct {
	msgID    int
	doc      vcardDoc
	matcher  *vcard.Matcher
	contacts map[int64]*tg.User
	replace  bool
}

// importVCard runs /import: every card of the file, in order, each a step
// of the journal by its card index, so a restart goes on with the first
// card not done and no contact is set twice.
func (r *runner) importVCard(ctx context.Context, c call) outcome {
	doc, err := r.vcardDocument(ctx, c.msg)
	if err != nil {
		return failed(explain("", err))
	}
	users, err := r.importContacts(ctx)
	if err != nil {
		return failed(explain("", err))
	}
	imp := newVCardImport(c.msg.ID, doc, users, c.cmd.Options.Replace())
	done, err := r.journal.Steps(c.msg.ID)
	if err != nil {
		return failed("could not read the command journal: " + short(err))
	}
	var sum importSummary
	err = r.eachCard(ctx, doc, func(card vcard.Card) bool {
		step, ok := done[card.Index]
		if !ok {
			step = r.importCard(ctx, imp, card)
			if ctx.Err() != nil {
				return true // stopping: resumed from this card next start
			}
			if err := r.journal.RecordStep(step); err != nil {
				r.lg.Warn("Record step", zap.Int("msg_id", c.msg.ID), zap.Int("card", card.Index), zap.Error(err))
			}
		}
		sum.add(step)
		if c.status != nil {
			c.status.show(sum.progress(doc.name))
		}
		return false
	})
	if err != nil {
		return failed(explain("", err))
	}
	return sum.outcome(doc.name)
}

func newVCardImport(msgID int, doc vcardDoc, users []*tg.User, replace bool) *vcardImport {
	imp := &vcardImport{msgID: msgID, doc: doc, contacts: map[int64]*tg.User{}, replace: replace}
	phones := make([]vcard.Contact, 0, len(users))
	for _, u := range users {
		imp.contacts[u.ID] = u
		phones = append(phones, vcard.Contact{ID: u.ID, Phone: u.Phone})
	}
	imp.matcher = vcard.NewMatcher(phones)
	return imp
}

// importContacts is the contact list cards are matched against, each user
// with their phone and whether Telegram shows a personal photo for them.
// The one place /import reads contacts, so it can take a cached list.
func (r *runner) importContacts(ctx context.Context) ([]*tg.User, error) {
	api := r.api
	res, err := api.ContactsGetContacts(ctx, 0)
	if err != nil {
		return nil, err
	}
	c, ok := res.(*tg.ContactsContacts)
	if !ok { // contactsNotModified: only with a hash, and none was sent
		return nil, nil
	}
	if err := r.rememberAll(c.Users); err != nil {
		return nil, err
	}
	var users []*tg.User
	for _, uc := range c.Users {
		if u, ok := uc.(*tg.User); ok && !u.Min && u.Phone != "" {
			users = append(users, u)
		}
	}
	return users, nil
}

// cardStep is a finished card's step: card.Index is the step's index.
func cardStep(msgID int, card vcard.Card, ok bool, tally, line string) storage.Step {
	return storage.Step{MsgID: msgID, Index: card.Index, OK: ok, Tally: tally, Line: line}
}
