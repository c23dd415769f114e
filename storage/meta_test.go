package storage

import "testing"

var _ interface {
	Meta(string) (string, bool, error)
	SetMeta(string, string) error
} = (*DB)(nil)

func TestMeta(t *testing.T) {
	db := openTest(t)
	steps := []struct {
		set       bool
		key, val  string
		wantFound bool
	}{
		{key: "missing", wantFound: false},
		{set: true, key: "schema", val: "1"},
		{key: "schema", val: "1", wantFound: true},
		{set: true, key: "schema", val: "2"},
		{key: "schema", val: "2", wantFound: true},
		{set: true, key: "empty", val: ""},
		{key: "empty", val: "", wantFound: true},
	}
	for i, s := range steps {
		if s.set {
			if err := db.SetMeta(s.key, s.val); err != nil {
				t.Fatalf("step %d: set: %v", i, err)
			}
			continue
		}
		got, found, err := db.Meta(s.key)
		if err != nil || found != s.wantFound || got != s.val {
			t.Errorf("step %d: Meta(%q) = %q, %v, %v; want %q, %v", i, s.key, got, found, err, s.val, s.wantFound)
		}
	}
	if err := db.SetMeta("", "x"); err == nil {
		t.Error("empty key accepted")
	}
	db = reopen(t, db)
	if got, found, err := db.Meta("schema"); err != nil || !found || got != "2" {
		t.Errorf("after reopen: %q, %v, %v", got, found, err)
	}
}
