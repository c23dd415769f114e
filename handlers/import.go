package handlers

import (
	"context"

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

// vcardImport is one /import under way: the file, and what its cards
// are matched against (only while they are first read: importjob.go).
type vcardImport struct {
	msgID    int
	doc      vcardDoc
	replace  bool
	matcher  *vcard.Matcher
	contacts map[int64]storage.Contact
}

// importVCard runs /import as a bulk job (bulk.go): a first reading of the
// file journals every card's state (to set, or skipped and why) by its
// index; a second sets the photos a slice of cards at a time, paced and
// giving way to the commands written meanwhile, reading the file again
// from its start after each pause or restart. Only the cards at hand and
// their photos are in memory, never the file's.
func (r *runner) importVCard(ctx context.Context, c call) outcome {
	doc, err := r.vcardDocument(ctx, c.msg)
	if err != nil {
		return failed(explain("", err))
	}
	imp := &vcardImport{msgID: c.msg.ID, doc: doc, replace: c.cmd.Options.Replace()}
	items, err := r.importJob(ctx, c, imp)
	if err == nil {
		err = r.recoverStarted(ctx, imp.msgID, items, importRecorder{imp})
	}
	if err == nil && ctx.Err() == nil {
		_, items, _, err = r.bulk.Bulk(imp.msgID)
	}
	var yield bool
	if err == nil && ctx.Err() == nil {
		yield, err = r.setCards(ctx, c, imp, items)
	}
	switch {
	case ctx.Err() != nil:
		return outcome{} // held by a flood wait or stopping: resumed later
	case err != nil:
		return failed(explain("", err))
	case yield:
		return outcome{yield: true}
	}
	return r.finishImport(imp)
}

// finishImport closes the job and answers with its counts and the cards
// skipped, by why.
func (r *runner) finishImport(imp *vcardImport) outcome {
	if err := r.bulk.FinishBulk(imp.msgID); err != nil {
		return failed(explain("the bulk job", err))
	}
	_, items, _, err := r.bulk.Bulk(imp.msgID)
	if err != nil {
		return failed(explain("the bulk job", err))
	}
	var sum importSummary
	for _, it := range items {
		sum.add(storage.Step{OK: it.State != storage.BulkFailed, Tally: it.Tally, Line: it.Line})
	}
	return sum.outcome(imp.doc.name)
}

// withContacts makes the contacts with a phone what cards are matched
// against.
func (imp *vcardImport) withContacts(contacts []storage.Contact) {
	imp.contacts = map[int64]storage.Contact{}
	phones := make([]vcard.Contact, 0, len(contacts))
	for _, c := range contacts {
		if c.Phone == "" {
			continue
		}
		imp.contacts[c.ID] = c
		phones = append(phones, vcard.Contact{ID: c.ID, Phone: c.Phone})
	}
	imp.matcher = vcard.NewMatcher(phones)
}

// cardStep is a finished card's step: item card.Index-1 of the job.
func cardStep(msgID int, card vcard.Card, ok bool, tally, line string) storage.Step {
	return storage.Step{MsgID: msgID, Index: card.Index - 1, Bulk: true, OK: ok, Tally: tally, Line: line}
}
