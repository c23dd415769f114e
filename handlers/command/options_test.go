package command

import (
	"slices"
	"strings"
	"testing"
)

func TestParseFrame(t *testing.T) {
	const (
		notNumber = " is not a number of seconds: use e.g. frame=2.5"
		outside   = " is out of range: pick 0 to 10 seconds"
		decimals  = " has too many decimals: at most 3"
	)
	for _, tc := range []struct {
		in   string
		want float64
		err  string
	}{
		{in: "0", want: 0},
		{in: "-0", want: 0},
		{in: "0.000", want: 0},
		{in: "10", want: 10},
		{in: "10.000", want: 10},
		{in: "2.5", want: 2.5},
		{in: ".5", want: 0.5},
		{in: "5.", want: 5},
		{in: "9.999", want: 9.999},
		{in: "007", want: 7},
		{in: "10.001", err: "frame=10.001" + outside},
		{in: "12", err: "frame=12" + outside},
		{in: "-1", err: "frame=-1" + outside},
		{in: "-0.001", err: "frame=-0.001" + outside},
		{in: "99999999999999999999999999999999999", err: "frame=99999999999999999999999999999999…" + outside},
		{in: "1.2345", err: "frame=1.2345" + decimals},
		{in: "abc", err: "frame=abc" + notNumber},
		{in: ".", err: "frame=." + notNumber},
		{in: "-", err: "frame=-" + notNumber},
		{in: "+1", err: "frame=+1" + notNumber},
		{in: "1e1", err: "frame=1e1" + notNumber},
		{in: "0x5", err: "frame=0x5" + notNumber},
		{in: "Inf", err: "frame=Inf" + notNumber},
		{in: "NaN", err: "frame=NaN" + notNumber},
		{in: "1,5", err: "frame=1,5" + notNumber},
		{in: "1.2.3", err: "frame=1.2.3" + notNumber},
		{in: "2s", err: "frame=2s" + notNumber},
		{in: "--1", err: "frame=--1" + notNumber},
	} {
		got, err := parseFrame(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parseFrame(%q) error\n got %v\nwant %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseFrame(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseColours(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []uint32
		err  string
	}{
		{in: "#112233", want: []uint32{0x112233}},
		{in: "#000000", want: []uint32{0}},
		{in: "#FFFFFF", want: []uint32{0xffffff}},
		{in: "#abcdef", want: []uint32{0xabcdef}},
		{in: "#AbCdEf", want: []uint32{0xabcdef}},
		{in: "#112233,#445566", want: []uint32{0x112233, 0x445566}},
		{in: "#000001,#000002,#000003,#000004", want: []uint32{1, 2, 3, 4}},
		{in: "#000001,#000002,#000003,#000004,#000005", err: "bg takes 1 to 4 colours, got 5"},
		{in: ",,,,,,,,,", err: "bg takes 1 to 4 colours, got 10"},
		{in: "#12345", err: "bg=#12345 is not a colour: use #RRGGBB"},
		{in: "112233", err: "bg=112233 is not a colour: use #RRGGBB"},
		{in: "#1122334", err: "bg=#1122334 is not a colour: use #RRGGBB"},
		{in: "#11223g", err: "bg=#11223g is not a colour: use #RRGGBB"},
		{in: "#+12233", err: "bg=#+12233 is not a colour: use #RRGGBB"},
		{in: "red", err: "bg=red is not a colour: use #RRGGBB"},
		{in: "#112233,#12345", err: `bg has "#12345", which is not a colour: use #RRGGBB`},
		{in: "#112233,", err: `bg has "", which is not a colour: use #RRGGBB`},
		{in: "#112233;#445566", err: "bg=#112233;#445566 is not a colour: use #RRGGBB"},
	} {
		got, err := parseColours(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parseColours(%q) error\n got %v\nwant %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("parseColours(%q) = %x, %v; want %x", tc.in, got, err, tc.want)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]bool{"yes": true, "YES": true, "true": true, "True": true, "no": false, "No": false, "false": false} {
		if got, err := parseYesNo("suggest", in); err != nil || got != want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"maybe": "suggest=maybe: use suggest=yes or suggest=no",
		"1":     "suggest=1: use suggest=yes or suggest=no",
		"y":     "suggest=y: use suggest=yes or suggest=no",
	} {
		if _, err := parseYesNo("suggest", in); err == nil || err.Error() != want {
			t.Errorf("parseYesNo(%q) error %v, want %s", in, err, want)
		}
	}
}

// TestOptionsInCommand checks that option values reach Command.Options, and
// which commands take which options.
func TestOptionsInCommand(t *testing.T) {
	cmd, msg := parseErr(t, "/suggest @alice frame=0 bg=#aabbcc", "/")
	if msg != "" || cmd.Options.Frame() == nil || *cmd.Options.Frame() != 0 || !slices.Equal(cmd.Options.BG(), []uint32{0xaabbcc}) {
		t.Errorf("got %+v, %q", cmd.Options, msg)
	}
	cmd, msg = parseErr(t, "/setphoto frame=10 @alice suggest=no for=1d12h", "/")
	if msg != "" || *cmd.Options.Frame() != 10 || cmd.Options.Suggest() || cmd.Options.For().Hours() != 36 {
		t.Errorf("got %+v, %q", cmd.Options, msg)
	}
	for _, s := range cat.Specs() {
		for _, key := range []string{"frame", "bg", "for", "suggest", "add", "photo", "replace"} {
			text := "/" + s.Name + " " + key + "=" + options[key].example[len(key)+1:] + " @alice"
			_, msg := parseErr(t, text, "/")
			if rejected := strings.HasPrefix(msg, "unknown option"); rejected == s.accepts(key) {
				t.Errorf("%s: accepts %s = %v, but Parse says %q", s.Name, key, s.accepts(key), msg)
			}
		}
	}
}

func TestParsePhotoNumber(t *testing.T) {
	const (
		notNumber = " is not a number: use e.g. photo=2 for their photo before the current one"
		outside   = " is out of range: 1 is their current photo, 2 the one before, up to 10000"
	)
	for _, tc := range []struct {
		in   string
		want int
		err  string
	}{
		{in: "1", want: 1},
		{in: "3", want: 3},
		{in: "03", want: 3},
		{in: "10000", want: 10000},
		{in: "0", err: "photo=0" + outside},
		{in: "10001", err: "photo=10001" + outside},
		{in: "99999999999999999999999", err: "photo=99999999999999999999999" + outside},
		{in: "-1", err: "photo=-1" + notNumber},
		{in: "+2", err: "photo=+2" + notNumber},
		{in: "2.0", err: "photo=2.0" + notNumber},
		{in: "two", err: "photo=two" + notNumber},
		{in: "２", err: "photo=２" + notNumber},
	} {
		got, err := parsePhotoNumber(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parsePhotoNumber(%q) error\n got %v\nwant %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parsePhotoNumber(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestHideKeepAdd checks the options of /hide and /keep and add= of /setphoto.
func TestHideKeepAdd(t *testing.T) {
	for _, tc := range []struct {
		text  string
		add   bool
		photo int
		err   string
	}{
		{text: "/hide @alice"},
		{text: "/hide @alice @bob add=yes", add: true},
		{text: "/hide @alice add=no"},
		{text: "/keep @alice photo=3 add=YES", add: true, photo: 3},
		{text: "/keep @alice"},
		{text: "/setphoto @eve add=yes", add: true},
		{text: "/hide @alice add=maybe", err: "add=maybe: use add=yes or add=no"},
		{text: "/hide @alice add=", err: "option add needs a value, e.g. add=yes"},
		{text: "/hide @alice add=yes add=yes", err: "option add given twice"},
		{text: "/hide @alice photo=2", err: `unknown option "photo" for /hide`},
		{text: "/hide @alice for=7d", err: `unknown option "for" for /hide`},
		{text: "/keep @alice photo=", err: "option photo needs a value, e.g. photo=2"},
		{text: "/keep @alice frame=1", err: `unknown option "frame" for /keep`},
		{text: "/suggest @alice add=yes", err: `unknown option "add" for /suggest`},
		{text: "/reset @alice add=yes", err: `unknown option "add": /reset takes no options`},
		{text: "/hide", err: "missing target: /hide needs at least one target, e.g. /hide @alice"},
		{text: "/keep photo=2", err: "missing target: /keep needs at least one target, e.g. /keep @alice"},
		{text: "/hide @alice 🙂", err: "🙂"},
	} {
		cmd, msg := parseErr(t, tc.text, "/")
		if tc.err != "" {
			if !strings.Contains(msg, tc.err) {
				t.Errorf("%q: error %q, want %q", tc.text, msg, tc.err)
			}
			continue
		}
		if msg != "" || cmd.Options.Add() != tc.add || cmd.Options.Photo() != tc.photo {
			t.Errorf("%q: got %+v, %q", tc.text, cmd.Options, msg)
		}
	}
}

// TestImportReplace: replace= is /import's alone, and /import takes no
// target.
func TestImportReplace(t *testing.T) {
	for _, tc := range []struct {
		text    string
		replace bool
		err     string
	}{
		{text: "/import"},
		{text: "/import replace=yes", replace: true},
		{text: "/import REPLACE=no"},
		{text: "/import replace=always", err: "replace=always: use replace=yes or replace=no"},
		{text: "/import replace=", err: "option replace needs a value, e.g. replace=yes"},
		{text: "/import @alice", err: "/import"},
		{text: "/setphoto @alice replace=yes", err: `unknown option "replace" for /setphoto`},
		{text: "/hide @alice replace=yes", err: `unknown option "replace" for /hide`},
	} {
		cmd, msg := parseErr(t, tc.text, "/")
		if tc.err != "" {
			if !strings.Contains(msg, tc.err) {
				t.Errorf("%q: error %q, want %q", tc.text, msg, tc.err)
			}
			continue
		}
		if msg != "" || cmd.Options.Replace() != tc.replace {
			t.Errorf("%q: got %+v, %q", tc.text, cmd.Options, msg)
		}
	}
}

func TestNewCatalogueRefusesUnknownOption(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a spec taking an option no parser reads was accepted")
		}
	}()
	NewCatalogue(Spec{Name: "x", Targets: None, Options: []string{"colour"}})
}
