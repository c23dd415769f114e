package usererr

import (
	"errors"
	"fmt"
	"testing"
)

func TestError(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Errorf("no user @%s", "alice"))
	var ue *Error
	if !errors.As(err, &ue) || ue.Msg != "no user @alice" || ue.Error() != ue.Msg {
		t.Fatalf("got %v", ue)
	}
	if New("x").Error() != "x" {
		t.Fatal("New")
	}
}
