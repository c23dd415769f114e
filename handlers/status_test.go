package handlers

import (
	"errors"
	"strings"
	"testing"
)

// TestStatus: the account, the version, the records and the last error,
// without a call to Telegram.
func TestStatus(t *testing.T) {
	r, _, _ := newTestRunner(t)
	got := run(t, r, 1, "/status")
	for _, want := range []string{"✅ Persona is running", "account: Owner (id 1)", "version: test", "records: 0 contacts", "last error: none"} {
		if !strings.Contains(got, want) {
			t.Errorf("/status lacks %q:\n%s", want, got)
		}
	}
	r.noteError(errors.New("the network is down"))
	if got := run(t, r, 2, "/status"); !strings.Contains(got, "the network is down") {
		t.Errorf("/status after an error:\n%s", got)
	}
}
