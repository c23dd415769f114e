package login

import (
	"context"
	"io"
	"strings"
	"testing"
)

// Off a terminal the prompter reads one line per answer, silently.
func TestPrompterReadsLines(t *testing.T) {
	var out strings.Builder
	p := NewPrompter(strings.NewReader("+15550001111\r\n12345"), &out)
	for _, want := range []string{"+15550001111", "12345"} {
		got, err := p.Ask(context.Background(), "Code: ", false)
		if err != nil || got != want {
			t.Fatalf("Ask = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := p.Ask(context.Background(), "Password: ", true); err == nil || !strings.Contains(err.Error(), `no answer to "Password"`) {
		t.Errorf("Ask past the input = %v, want no answer to \"Password\"", err)
	}
	if out.Len() != 0 {
		t.Errorf("questions printed off a terminal: %q", out.String())
	}
}

// A cancelled login does not wait for a line that never comes.
func TestPrompterInterrupted(t *testing.T) {
	r, w := io.Pipe()
	defer func() { _ = w.Close() }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewPrompter(r, io.Discard).Ask(ctx, "Code: ", false); err != context.Canceled {
		t.Errorf("Ask after cancel = %v, want %v", err, context.Canceled)
	}
}
