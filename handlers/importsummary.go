package handlers

import (
	"strings"

	"persona/storage"
)

// importSummary counts an /import's cards and keeps the lines of those
// skipped, for its reply.
type importSummary struct {
	cards   int
	counts  map[string]int
	skipped []line
}

func (s *importSummary) add(step storage.Step) {
	if s.counts == nil {
		s.counts = map[string]int{}
	}
	s.cards++
	tally := step.Tally
	if tally == "" { // a step journalled without one: told by its outcome
		tally = tallyFailed
		if step.OK {
			tally = tallySet
		}
	}
	s.counts[tally]++
	if tally != tallySet {
		s.skipped = append(s.skipped, line{ok: step.OK, text: step.Line})
	}
}

// counted is "212 cards: 140 photos set, 52 no Telegram contact, …": the
// photos set always, the other tallies when there are any.
func (s *importSummary) counted() string {
	parts := []string{plural(s.counts[tallySet], "photo") + " set"}
	for _, t := range tallies[1:] {
		if n := s.counts[t]; n > 0 {
			parts = append(parts, itoa(n)+" "+t)
		}
	}
	return plural(s.cards, "card") + ": " + strings.Join(parts, ", ")
}

// progress is the reply while the file is read.
func (s *importSummary) progress(file string) string {
	return "⏳ " + file + ": " + s.counted() + "…"
}

// outcome is the final reply: the counts, then each card skipped and why.
// It is ❌ when a card failed (Telegram or the network), not for cards
// skipped by the rules.
func (s *importSummary) outcome(file string) outcome {
	if s.cards == 0 {
		return failed(file + " has no cards")
	}
	out := outcome{header: s.counted(), lines: s.skipped}
	if len(s.skipped) > 0 {
		out.header += "\nSkipped:"
	}
	return out
}
