package command

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	const (
		notTarget = " is not a target: use @username, t.me/username, +phone or a numeric id"
		notName   = " is not a username: use 3 to 32 letters, digits or _, starting with a letter"
		notLink   = " is not a user link: use t.me/username"
		notPhone  = " is not a phone number: use + and 5 to 15 digits, e.g. +15550001111"
		notID     = " is not a user id: use a number from 1 to 9007199254740992"
	)
	for _, tc := range []struct {
		tok   string
		want  Target
		label string
		err   string
	}{
		// Usernames.
		{tok: "@alice", want: Target{Kind: Username, Raw: "@alice", Value: "alice"}, label: "@alice"},
		{tok: "@Alice_99", want: Target{Kind: Username, Raw: "@Alice_99", Value: "Alice_99"}, label: "@Alice_99"},
		{tok: "@bob", want: Target{Kind: Username, Raw: "@bob", Value: "bob"}, label: "@bob"},
		{tok: "@" + strings.Repeat("a", 32), want: Target{Kind: Username, Raw: "@" + strings.Repeat("a", 32), Value: strings.Repeat("a", 32)}},
		{tok: "@ab", err: `"@ab"` + notName},
		{tok: "@", err: `"@"` + notName},
		{tok: "@@alice", err: `"@@alice"` + notName},
		{tok: "@" + strings.Repeat("a", 33), err: `"@` + strings.Repeat("a", 31) + `…"` + notName},
		{tok: "@1alice", err: `"@1alice"` + notName},
		{tok: "@_alice", err: `"@_alice"` + notName},
		{tok: "@al-ice", err: `"@al-ice"` + notName},
		{tok: "@alicé", err: `"@alicé"` + notName},
		{tok: "@alice,", err: `"@alice,"` + notName},

		// Links.
		{tok: "t.me/bob", want: Target{Kind: Username, Raw: "t.me/bob", Value: "bob"}, label: "@bob"},
		{tok: "https://t.me/alice", want: Target{Kind: Username, Raw: "https://t.me/alice", Value: "alice"}, label: "@alice"},
		{tok: "http://t.me/alice/", want: Target{Kind: Username, Raw: "http://t.me/alice/", Value: "alice"}, label: "@alice"},
		{tok: "telegram.me/alice", want: Target{Kind: Username, Raw: "telegram.me/alice", Value: "alice"}, label: "@alice"},
		{tok: "https://telegram.me/alice", want: Target{Kind: Username, Raw: "https://telegram.me/alice", Value: "alice"}},
		{tok: "HTTPS://T.ME/Alice", want: Target{Kind: Username, Raw: "HTTPS://T.ME/Alice", Value: "Alice"}, label: "@Alice"},
		{tok: "t.me/+AbCdEf123", err: `"t.me/+AbCdEf123"` + notLink},
		{tok: "https://t.me/joinchat/AbCdEf", err: `"https://t.me/joinchat/AbCdEf"` + notLink},
		{tok: "t.me/alice//", err: `"t.me/alice//"` + notLink},
		{tok: "t.me/", err: `"t.me/"` + notLink},
		{tok: "t.me/s/alice", err: `"t.me/s/alice"` + notLink},
		{tok: "t.me/@alice", err: `"t.me/@alice"` + notLink},
		{tok: "t.me", err: `"t.me"` + notTarget},
		{tok: "ftp://t.me/alice", err: `"ftp://t.me/alice"` + notTarget},
		{tok: "x.t.me/alice", err: `"x.t.me/alice"` + notTarget},
		{tok: "t.me\x0falice", err: "\"t.me\uFFFDalice\"" + notTarget},
		{tok: "https://example.com/alice", err: `"https://example.com/alice"` + notTarget},

		// Phones.
		{tok: "+15550001111", want: Target{Kind: Phone, Raw: "+15550001111", Value: "15550001111"}, label: "+15550001111"},
		{tok: "+12345", want: Target{Kind: Phone, Raw: "+12345", Value: "12345"}},
		{tok: "+123456789012345", want: Target{Kind: Phone, Raw: "+123456789012345", Value: "123456789012345"}},
		{tok: "+1234", err: `"+1234"` + notPhone},
		{tok: "+1234567890123456", err: `"+1234567890123456"` + notPhone},
		{tok: "+", err: `"+"` + notPhone},
		{tok: "+1-555-000", err: `"+1-555-000"` + notPhone},
		{tok: "++15550001111", err: `"++15550001111"` + notPhone},
		{tok: "+１５５５０００１１１１", err: `"+１５５５０００１１１１"` + notPhone}, // fullwidth digits

		// User ids.
		{tok: "12345", want: Target{Kind: UserID, Raw: "12345", Value: "12345", ID: 12345}, label: "id 12345"},
		{tok: "1", want: Target{Kind: UserID, Raw: "1", Value: "1", ID: 1}, label: "id 1"},
		{tok: "007", want: Target{Kind: UserID, Raw: "007", Value: "7", ID: 7}, label: "id 7"},
		{tok: "9007199254740992", want: Target{Kind: UserID, Raw: "9007199254740992", Value: "9007199254740992", ID: 1 << 53}},
		{tok: "9007199254740993", err: `"9007199254740993"` + notID},
		{tok: "99999999999999999999999", err: `"99999999999999999999999"` + notID},
		{tok: "0", err: `"0"` + notID},
		{tok: "000", err: `"000"` + notID},
		{tok: "-5", err: `"-5"` + notTarget},
		{tok: "12a", err: `"12a"` + notTarget},
		{tok: "١٢٣", err: `"١٢٣"` + notTarget}, // Arabic-Indic digits are not ids

		// Anything else.
		{tok: "alice", err: `"alice"` + notTarget},
		{tok: "xyz", err: `"xyz"` + notTarget},
		{tok: "\"", err: `"""` + notTarget},
	} {
		got, err := parseTarget(tc.tok)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parseTarget(%q) error\n got %v\nwant %s", tc.tok, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseTarget(%q) = %+v, %v; want %+v", tc.tok, got, err, tc.want)
		}
		if tc.label != "" && got.Label() != tc.label {
			t.Errorf("parseTarget(%q).Label() = %q, want %q", tc.tok, got.Label(), tc.label)
		}
	}
}

func TestIsEmoji(t *testing.T) {
	for _, tok := range []string{"😀", "❤️", "👍🏽", "🇺🇦", "1️⃣", "#️⃣", "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "😀😀", "©"} {
		if !isEmoji(tok) {
			t.Errorf("isEmoji(%q) = false", tok)
		}
	}
	for _, tok := range []string{"", "1", "#", "a😀", "@😀", "😀x", "\u200d", "\ufe0f", "12\ufe0f", "→"} {
		if isEmoji(tok) {
			t.Errorf("isEmoji(%q) = true", tok)
		}
	}
}

func TestLabelOfUnknownKind(t *testing.T) {
	if got := (Target{Raw: "x"}).Label(); got != "x" {
		t.Errorf("Label() = %q", got)
	}
	if got := TargetKind(9).String(); got != "TargetKind(9)" {
		t.Errorf("String() = %q", got)
	}
}
