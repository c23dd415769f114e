package media

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"persona/internal/usererr"
)

func TestCheckVideo(t *testing.T) {
	frame := func(f float64) *float64 { return &f }
	for _, tt := range []struct {
		w, h  int
		secs  float64
		frame *float64
		want  string // "" for none
	}{
		{1280, 1280, 10, nil, ""},
		{160, 160, 1, frame(0.5), ""},
		{1281, 1281, 5, nil, "160 to 1280 px"},
		{159, 159, 5, nil, "160 to 1280 px"},
		{1920, 1080, 5, nil, "must be square"},
		{640, 640, 10.5, nil, "at most 10 s"},
		{640, 640, 5, frame(6), "past the end"},
	} {
		err := CheckVideo(tt.w, tt.h, time.Duration(tt.secs*float64(time.Second)), tt.frame)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%d×%d %gs: %v", tt.w, tt.h, tt.secs, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%d×%d %gs: %v, want %q", tt.w, tt.h, tt.secs, err, tt.want)
		}
	}
}

func TestCheckSize(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		size int64
		ok   bool
	}{
		{KindVideo, 2 << 20, true},
		{KindVideo, 2<<20 + 1, false},
		{KindPhoto, 10 << 20, true},
		{KindImage, 10<<20 + 1, false},
		{KindSticker, 50 << 20, true}, // markup: no bytes go up
	} {
		if err := CheckSize(tt.kind, tt.size); (err == nil) != tt.ok {
			t.Errorf("CheckSize(%s, %d) = %v", tt.kind, tt.size, err)
		}
	}
}

// TestCappedStream: bytes past the limit fail the stream as they arrive,
// whatever the message said the size was.
func TestCappedStream(t *testing.T) {
	r := &capped{r: bytes.NewReader(make([]byte, 3<<20)), kind: KindVideo}
	n, err := io.Copy(io.Discard, r)
	var ue *usererr.Error
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "at most 2 MB") {
		t.Fatalf("after %d bytes: %v, want the 2 MB rule", n, err)
	}
	if n > 2<<20+64<<10 {
		t.Errorf("read %d bytes before stopping", n)
	}
}
