package vcard

import (
	"reflect"
	"testing"
)

func TestMatcher(t *testing.T) {
	m := NewMatcher([]Contact{
		{ID: 1, Phone: "447700900123"},  // UK mobile
		{ID: 2, Phone: "79161234567"},   // Russian mobile
		{ID: 3, Phone: "15551234567"},   // US
		{ID: 4, Phone: "4915123456780"}, // German
		{ID: 5, Phone: "33612345678"},   // two contacts end with 12345678
		{ID: 6, Phone: "32412345678"},
		{ID: 7, Phone: ""}, // no phone shared
	})
	for _, tt := range []struct {
		name   string
		phones []string
		want   Match
	}{
		{"+ and country code", []string{"+44 7700 900123"}, Match{Result: Matched, ID: 1}},
		{"00 and country code", []string{"0044 7700 900123"}, Match{Result: Matched, ID: 1}},
		{"as long as the contact's", []string{"7 (916) 123-45-67"}, Match{Result: Matched, ID: 2}},
		{"national, trunk prefix 0", []string{"07700 900123"}, Match{Result: Matched, ID: 1}},
		{"national without a prefix", []string{"(555) 123-4567"}, Match{Result: Matched, ID: 3}},
		{"German national", []string{"015123456780"}, Match{Result: Matched, ID: 4}},
		{"a country code must match whole", []string{"+1 7700 900123"}, Match{Result: NoContact}},
		{"a plus and a shorter number", []string{"+7700900123"}, Match{Result: NoContact}},
		{"ends two contacts' numbers", []string{"12345678"}, Match{Result: Ambiguous, Candidates: []int64{5, 6}}},
		{"too short to match by its end", []string{"4567"}, Match{Result: NoContact}},
		{"no digits", []string{"call me", ""}, Match{Result: NoContact}},
		{"the first unique phone wins over an ambiguous one", []string{"12345678", "+33 6 12 34 56 78"}, Match{Result: Matched, ID: 5}},
		{"two phones, one contact", []string{"+44 7700 900123", "07700900123"}, Match{Result: Matched, ID: 1}},
		{"two phones, two contacts", []string{"+44 7700 900123", "+7 916 123 45 67"}, Match{Result: Ambiguous, Candidates: []int64{1, 2}}},
		{"an unmatched phone then a matched one", []string{"+1 202 555 0000", "+7 916 123 45 67"}, Match{Result: Matched, ID: 2}},
		{"no phones", nil, Match{Result: NoContact}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Match(tt.phones); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Match(%q) = %+v, want %+v", tt.phones, got, tt.want)
			}
		})
	}
}

func TestMatchResultString(t *testing.T) {
	for r, want := range map[MatchResult]string{NoContact: "no contact", Matched: "matched", Ambiguous: "ambiguous"} {
		if r.String() != want {
			t.Errorf("%d: %q, want %q", r, r.String(), want)
		}
	}
}
