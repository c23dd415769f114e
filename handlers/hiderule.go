package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// The standing `/hide all` rule (README, "Commands"): after `/hide all`,
// contacts added later are hidden too, at the latest at the next start or
// daily check (applyHideRule, run with the check of the records), and at
// once when Persona itself adds one (hideAddedByRule). `/reset all` ends
// it; `/status` shows it. The rule never overwrites a personal photo,
// whoever set it: the owner in another app, Persona, or anyone Telegram
// marks it for (userProfilePhoto.personal; docs/ARCHITECTURE.md, "The user
// object tells who has a personal photo"), and it leaves alone a contact Persona has a record of, so a
// `/reset @alice` under the rule is not undone by the next check.

// hideRuleNote is what `/hide all`'s summary and /status say of the
// contacts the rule leaves as they are.
const hideRuleNote = "contacts with a personal photo set by you, by Persona or in another app keep it"

// startHideRule makes `/hide all` stand from since: `/hide all` calls it.
func (r *runner) startHideRule(since time.Time) error {
	return r.records.SetHideAll(since)
}

// endHideRule ends the standing rule: `/reset all` calls it.
func (r *runner) endHideRule() error {
	return r.records.SetHideAll(time.Time{})
}

// hideRuleLine is what /status says of the rule; "" when none stands.
func (r *runner) hideRuleLine() string {
	since, on, err := r.records.HideAll()
	switch {
	case err != nil:
		return "standing rule: could not be read (" + short(err) + ")"
	case !on:
		return ""
	}
	return "standing rule: " + r.prefix + "hide all since " + r.zone.at(since) +
		": contacts added later are hidden (" + hideRuleNote + "); " + r.prefix + "reset all ends it"
}

// applyHideRule hides, while the rule stands, every contact it covers that
// is not hidden yet, reading the contact list once. One contact's failure
// is logged and retried at the next check; a flood wait or a stop ends the
// round (the worker parks it). It returns how many it hid.
func (r *runner) applyHideRule(ctx context.Context) (int, error) {
	if _, on, err := r.records.HideAll(); err != nil || !on {
		return 0, err
	}
	users, err := r.ruleContacts(ctx)
	if err != nil {
		return 0, err
	}
	hidden := 0
	for _, u := range users {
		covered, err := r.ruleCovers(u)
		if err != nil {
			return hidden, err
		}
		if !covered {
			continue
		}
		if err := r.hideByRule(ctx, u); err != nil {
			if ctx.Err() != nil {
				return hidden, ctx.Err()
			}
			r.lg.Warn("Hide a contact by the standing rule", zap.Int64("user_id", u.ID), zap.Error(err))
			continue
		}
		hidden++
	}
	return hidden, nil
}

// ruleContacts reads the contact list into the peer cache and returns it.
func (r *runner) ruleContacts(ctx context.Context) ([]*tg.User, error) {
	res, err := r.api.ContactsGetContacts(ctx, 0)
	if err != nil {
		return nil, errors.Wrap(err, "get contacts")
	}
	c, ok := res.(*tg.ContactsContacts)
	if !ok { // contactsNotModified: only with a hash, and none was sent
		return nil, nil
	}
	if err := r.rememberAll(c.Users); err != nil {
		return nil, err
	}
	users := make([]*tg.User, 0, len(c.Users))
	for _, uc := range c.Users {
		if u, ok := uc.(*tg.User); ok && !u.Min {
			users = append(users, u)
		}
	}
	return users, nil
}

// ruleCovers says whether the rule hides u now: a contact, not a bot, a
// deleted account or the account itself, with no personal photo, and no
// record of Persona's (a photo it set, or one reset since).
func (r *runner) ruleCovers(u *tg.User) (bool, error) {
	if u.Bot || u.Deleted || u.Self || !u.Contact || (r.self != nil && u.ID == r.self.ID) {
		return false, nil
	}
	if p, ok := u.Photo.(*tg.UserProfilePhoto); ok && p.Personal {
		return false, nil
	}
	_, found, err := r.records.Photo(u.ID)
	return !found, err
}

// hideByRule hides one contact as /hide does, recorded as hidden by the
// rule (no command).
func (r *runner) hideByRule(ctx context.Context, u *tg.User) error {
	peer, ok := r.peerOf(u)
	if !ok {
		return errors.New("no access hash")
	}
	res, err := r.setHidden(ctx, peer, u)
	if err != nil {
		return err
	}
	return r.records.SetPhoto(u.ID, ruleLabel(u), storage.PhotoEntry{Kind: kindHidden, PhotoID: photoID(res), SetAt: r.now()})
}

// hideAddedByRule hides a contact Persona has just added (add=yes) when the
// rule stands and the command's own photo did not get set, so no contact
// added through Persona shows their own pictures under the rule. It only
// tidies: a failure is logged, and the next check tries again.
func (r *runner) hideAddedByRule(ctx context.Context, peer storage.Peer) {
	if _, on, err := r.records.HideAll(); err != nil || !on {
		return
	}
	u, err := r.freshUser(ctx, peer)
	if err == nil {
		var covered bool
		if covered, err = r.ruleCovers(u); err == nil && covered {
			err = r.hideByRule(ctx, u)
		}
	}
	if err != nil {
		r.lg.Warn("Hide an added contact by the standing rule", zap.Int64("user_id", peer.ID), zap.Error(err))
	}
}

// ruleLabel names a contact the rule hid, as a command's target would.
func ruleLabel(u *tg.User) string {
	switch {
	case u.Username != "":
		return "@" + u.Username
	case u.Phone != "":
		return "+" + u.Phone
	}
	return "id " + strconv.FormatInt(u.ID, 10)
}

// applyRuleDaily applies the standing rule at the start and then once a
// day, as the worker's upkeep, so it never races a command for a contact.
func (w *worker) applyRuleDaily(ctx context.Context) {
	now := w.now()
	if now.Before(w.nextRule) {
		return
	}
	var (
		hidden int
		err    error
	)
	apply := func(ctx context.Context) {
		err = survive(w.lg, "standing rule", func() (err error) {
			hidden, err = w.run.applyHideRule(ctx)
			return err
		})
	}
	if perr := w.parkable(ctx, upkeepID, apply); perr != nil {
		// Stopping, or held by a flood wait: try again after it, not at
		// the next turn of the loop, whose call would wait out the flood
		// in the worker's own step and hold every command behind it.
		var p *parked
		if errors.As(perr, &p) {
			w.nextRule = p.until
		}
		return
	}
	w.nextRule = now.Add(syncEvery)
	switch {
	case err != nil:
		w.lg.Warn("Apply the standing /hide all rule", zap.Error(err))
	case hidden > 0:
		w.lg.Info("Contacts hidden by the standing /hide all rule", zap.Int("hidden", hidden))
	}
}
