package handlers

import (
	"strings"
	"sync"

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
	parts := []string{numbered(s.counts[tallySet], "photo") + " set"}
	for _, t := range tallies[1:] {
		if n := s.counts[t]; n > 0 {
			parts = append(parts, thousands(n)+" "+t)
		}
	}
	return numbered(s.cards, "card") + ": " + strings.Join(parts, ", ")
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

// cardCount is how far an /import's bulk job got, for its progress: the
// cards done (set or skipped) and failed, of all the file's.
type cardCount struct {
	mu                  sync.Mutex
	total, done, failed int
}

func cardCountOf(items []storage.BulkItem) *cardCount {
	c := &cardCount{total: len(items)}
	for _, it := range items {
		switch it.State {
		case storage.BulkDone, storage.BulkSkipped:
			c.done++
		case storage.BulkFailed:
			c.failed++
		}
	}
	return c
}

func (c *cardCount) add(ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok {
		c.done++
	} else {
		c.failed++
	}
}

// progress is the reply while the photos are set: "⏳ all.vcf: 212 cards:
// 80 done…", and the cards failed when there are any.
func (c *cardCount) progress(file string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := "⏳ " + file + ": " + numbered(c.total, "card") + ": " + thousands(c.done) + " done"
	if c.failed > 0 {
		s += ", " + thousands(c.failed) + " failed"
	}
	return s + "…"
}

// numbered is n nouns, n written with thousands: "1 card", "2,000 cards".
func numbered(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}
