package handlers

import (
	"context"

	"persona/media/vcard"
	"persona/storage"
)

// importJob is the /import's bulk job: read back on a resumed run, or, on
// its first, made by reading the file once through: every card judged
// against the contact list (judgeCard) and journalled, so the counts of
// cards skipped survive a restart and the second reading sets only the
// photos to set. The list is the one bulk jobs read, by its hash.
func (r *runner) importJob(ctx context.Context, c call, imp *vcardImport) ([]storage.BulkItem, error) {
	_, items, found, err := r.bulk.Bulk(imp.msgID)
	if err != nil || found {
		return items, err
	}
	l, _, err := r.contactList(ctx)
	if err != nil {
		return nil, err
	}
	imp.withContacts(l.Contacts)
	before, err := r.journal.Steps(imp.msgID)
	if err != nil {
		return nil, err
	}
	err = r.eachCard(ctx, imp.doc, func(card vcard.Card) bool {
		if st, ok := before[card.Index]; ok {
			items = append(items, itemOfStep(card, st))
		} else {
			items = append(items, r.judgeCard(imp, card))
		}
		return ctx.Err() != nil
	})
	if err != nil || ctx.Err() != nil {
		return nil, cmpErr(err, ctx.Err())
	}
	if _, err := r.bulk.StartBulkItems(storage.BulkJob{MsgID: imp.msgID}, items); err != nil {
		return nil, err
	}
	if c.status != nil && len(items) > bulkAnnounce {
		c.status.showNow(cardCountOf(items).progress(imp.doc.name))
	}
	return items, nil
}

// itemOfStep is a card an /import begun before it was a bulk job did,
// as its journal entry has it (a step by card index), so an upgrade in
// the middle of a file sets no photo twice.
func itemOfStep(card vcard.Card, st storage.Step) storage.BulkItem {
	state := storage.BulkDone
	if !st.OK {
		state = storage.BulkFailed
	}
	return storage.BulkItem{Index: card.Index - 1, State: state, Tally: st.Tally, Line: st.Line}
}
