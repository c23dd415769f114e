package emulator

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestStateFileRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	if s, err := readState(path); err != nil || len(s.Users)+len(s.Keys)+len(s.Boxes) != 0 {
		t.Fatalf("a missing file reads as %+v, %v; want an empty state", s, err)
	}
	want := savedState{
		Version: stateVersion, NextUserID: 1000040,
		Users: []savedUser{{ID: 1000012, AccessHash: -77, FirstName: "Dana", Username: "dana", Phone: "15550000001"}},
		Keys:  []savedKey{{DC: 2, Key: bytes.Repeat([]byte{7}, 256), UserID: 1000012}, {DC: 4, Key: bytes.Repeat([]byte{9}, 256), UserID: 1000012, Imported: true}},
		Boxes: []savedBox{{UserID: 1000012, Pts: 31, LastMsgID: 17}},
	}
	for range 2 { // the second write replaces the first
		if err := writeState(path, want); err != nil {
			t.Fatal(err)
		}
	}
	got, err := readState(path)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file %v, %v; want mode 0600: it holds auth keys", fi, err)
	}
	if left, _ := filepath.Glob(path + ".*"); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestParseStateDamaged(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("A", 342) + "==" // 256 bytes in base64
	tests := []struct{ name, in, wantErr string }{
		{"empty", "", "not a state file"},
		{"cut short", `{"version":1,"users":[{"id":1`, "not a state file"},
		{"not json", "\x00\x01garbage", "not a state file"},
		{"wrong type", `{"version":"one"}`, "not a state file"},
		{"no version", `{}`, "version 0"},
		{"newer version", `{"version":2}`, "version 2"},
		{"short key", `{"version":1,"keys":[{"dc":2,"key":"AAAA","user_id":5}]}`, "damaged auth key"},
		{"key of no one", `{"version":1,"keys":[{"dc":2,"key":"` + key + `","user_id":0}]}`, "damaged auth key"},
	}
	for _, tt := range tests {
		if s, err := parseState([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: parseState = %+v, %v; want an error saying %q", tt.name, s, err, tt.wantErr)
		}
	}
	if s, err := parseState([]byte(`{"version":1,"keys":[{"dc":2,"key":"` + key + `","user_id":5}]}`)); err != nil || len(s.Keys) != 1 {
		t.Errorf("a whole key: %+v, %v", s, err)
	}
}

func FuzzParseState(f *testing.F) {
	f.Add([]byte(`{"version":1,"next_user_id":9,"users":[{"id":3,"access_hash":4,"first_name":"A"}],"boxes":[{"user_id":3,"pts":2}]}`))
	f.Add([]byte(`{"version":1,"keys":[{"dc":2,"key":"AAAA","user_id":5}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseState(b)
		if err != nil {
			return
		}
		if s.Version != stateVersion {
			t.Fatalf("accepted version %d", s.Version)
		}
		w := newWorld(2)
		for dc, keys := range w.restore(s) { // whatever parses restores without a panic
			for _, k := range keys {
				if w.keys[k.ID] == 0 || dc != w.restoredKeys[k.ID].DC {
					t.Fatalf("key %x restored unbound", k.ID)
				}
			}
		}
	})
}
