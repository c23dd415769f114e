package handlers

import (
	"context"

	"persona/internal/usererr"
	"persona/storage"
)

// undoAll is /undo all: the last bulk job taken back, contact by contact,
// where what it did is still what Telegram shows. After /hide all or /keep
// all that is the photo the job set; after /reset all, a photo Persona had
// set comes back from the records and one set elsewhere from the archive's
// copy (bulkarchive.go).
type undoAll struct {
	verb     string                     // the verb of the job undone
	restores map[int64]storage.Archived // its photos set elsewhere, by contact
}

func (undoAll) withJob(job storage.BulkJob) bulkVerb {
	return undoAll{verb: job.UndoesVerb, restores: job.Restores}
}

func (undoAll) pick(r *runner, ctx context.Context, _ int) (storage.BulkJob, []storage.Contact, error) {
	last, found, err := r.bulk.LastBulk()
	if err != nil || !found {
		return storage.BulkJob{}, nil, cmpErr(err, usererr.New("no job for all contacts to undo"))
	}
	undone, items, _, err := r.bulk.Bulk(last)
	if err != nil {
		return storage.BulkJob{}, nil, err
	}
	job := storage.BulkJob{Undoes: last, UndoesVerb: undone.Verb, Skipped: map[string]int{}}
	if undone.Verb == "hide" { // taking /hide all back ends its standing rule too
		if err := r.endHideRule(); err != nil {
			return storage.BulkJob{}, nil, err
		}
	}
	if undone.Verb == "reset" {
		return r.pickUndoReset(ctx, job, items)
	}
	var out []storage.Contact
	for _, it := range items {
		if it.State != storage.BulkDone {
			continue
		}
		rec, found, err := r.records.Photo(it.Contact.ID)
		if err != nil {
			return job, nil, err
		}
		if !found || rec.Current == nil || rec.Current.CommandID != last {
			job.Skipped[skipNotBulks]++
			continue
		}
		c := it.Contact
		c.Personal, c.PhotoID = true, rec.Current.PhotoID
		out = append(out, c)
	}
	return job, out, nil
}

// pickUndoReset picks the contacts a /reset all removed a photo of: with
// an archived copy, or a record whose photo the reset left in its history;
// those with a personal photo again since are left as they are.
func (r *runner) pickUndoReset(ctx context.Context, job storage.BulkJob, items []storage.BulkItem) (storage.BulkJob, []storage.Contact, error) {
	job.Restores = map[int64]storage.Archived{}
	var picked []storage.Contact
	for _, it := range items {
		if it.State != storage.BulkDone {
			continue
		}
		if it.Archived != nil {
			job.Restores[it.Contact.ID] = *it.Archived
			picked = append(picked, it.Contact)
			continue
		}
		rec, found, err := r.records.Photo(it.Contact.ID)
		if err != nil {
			return job, nil, err
		}
		if !found || rec.Current != nil || len(rec.History) == 0 {
			job.Skipped[skipNotBulks]++
			continue
		}
		picked = append(picked, it.Contact)
	}
	fresh, err := r.freshPhotos(ctx, picked)
	var out []storage.Contact
	for _, c := range fresh {
		if c.Personal {
			job.Skipped[skipChanged]++
			delete(job.Restores, c.ID)
			continue
		}
		out = append(out, c)
	}
	return job, out, err
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func (u undoAll) do(r *runner, ctx context.Context, _ int, c storage.Contact, step storage.Step) (bool, string) {
	label := targetOf(c).Label()
	if a, ok := u.restores[c.ID]; ok {
		if _, err := r.restoreArchived(ctx, c, a); err != nil {
			return false, explain(label, err)
		}
		return true, label + ": back to the photo set in another app"
	}
	if u.verb == "reset" {
		return r.undoOne(ctx, targetOf(c), step)
	}
	rec, _, err := r.records.Photo(c.ID)
	if err != nil {
		return false, explain(label, err)
	}
	if rec.Current == nil || rec.Current.PhotoID != c.PhotoID {
		return false, label + ": changed since; left as it is"
	}
	return r.undoOne(ctx, targetOf(c), step)
}

func (undoAll) happened(before, now storage.Contact) bool {
	return now.Personal != before.Personal || now.PhotoID != before.PhotoID
}

func (u undoAll) record(r *runner, _ int, c, _ storage.Contact, step storage.Step) (string, error) {
	if _, ok := u.restores[c.ID]; ok {
		return targetOf(c).Label() + ": back to the photo set in another app", nil
	}
	rec, _, err := r.records.Photo(c.ID)
	if err != nil {
		return "", err
	}
	line := targetOf(c).Label() + ": back to before"
	var restored *storage.PhotoEntry
	if prev, ok := previousPhoto(rec); ok {
		restored = &prev
	}
	return line, r.records.UndoPhoto(c.ID, restored, r.now(), finished(step, true, line))
}
