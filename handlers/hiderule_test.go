package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestRuleCovers: the standing rule hides a plain contact only: never a
// bot, a deleted account, the account itself, a non-contact, anyone with
// a personal photo (set by the owner, Persona or another app), or a
// contact Persona has a record of (a /reset under the rule stands).
func TestRuleCovers(t *testing.T) {
	r, db, _ := newTestRunner(t)
	if err := db.SetPhoto(50, "@reset", storage.PhotoEntry{Kind: kindHidden, SetAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := db.ResetPhoto(50, time.Now()); err != nil {
		t.Fatal(err)
	}
	personal := &tg.UserProfilePhoto{PhotoID: 9, Personal: true}
	own := &tg.UserProfilePhoto{PhotoID: 8}
	for _, tt := range []struct {
		name string
		u    tg.User
		want bool
	}{
		{"a contact", tg.User{ID: 10, Contact: true}, true},
		{"a contact with their own photo", tg.User{ID: 11, Contact: true, Photo: own}, true},
		{"a personal photo", tg.User{ID: 12, Contact: true, Photo: personal}, false},
		{"a bot", tg.User{ID: 13, Contact: true, Bot: true}, false},
		{"a deleted account", tg.User{ID: 14, Contact: true, Deleted: true}, false},
		{"the account", tg.User{ID: owner, Contact: true}, false},
		{"not a contact", tg.User{ID: 15}, false},
		{"a record of Persona's", tg.User{ID: 50, Contact: true}, false},
	} {
		got, err := r.ruleCovers(&tt.u)
		if err != nil || got != tt.want {
			t.Errorf("%s: covered %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

// TestHideRuleStatus: /status names the rule while it stands, and not
// after endHideRule.
func TestHideRuleStatus(t *testing.T) {
	r, _, _ := newTestRunner(t)
	if err := r.startHideRule(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if out := run(t, r, 1, "/status"); !strings.Contains(out, "standing rule: /hide all since 2026-12-01") {
		t.Errorf("/status under the rule:\n%s", out)
	}
	if err := r.endHideRule(); err != nil {
		t.Fatal(err)
	}
	if out := run(t, r, 2, "/status"); strings.Contains(out, "standing rule") {
		t.Errorf("/status after the rule ended:\n%s", out)
	}
}
