package media

import (
	"fmt"
	"time"
)

// Telegram's rules for an animated profile photo.
const (
	maxVideoSide     = 1080
	maxVideoDuration = 10 * time.Second
)

// CheckVideo applies Telegram's rules for a profile video to its size,
// length and the chosen cover frame (nil: none), and says which rule a
// clip breaks with its own values.
func CheckVideo(w, h int, d time.Duration, frame *float64) error {
	secs := d.Seconds()
	switch {
	case w != h || w > maxVideoSide:
		return &UserError{Msg: fmt.Sprintf("video is %d×%d; a profile video must be square, at most 1080×1080", w, h)}
	case d > maxVideoDuration:
		return &UserError{Msg: fmt.Sprintf("video is %.1f s long; a profile video must be at most 10 s", secs)}
	case frame != nil && *frame > secs:
		return &UserError{Msg: fmt.Sprintf("frame=%g is past the end of the %.1f s video", *frame, secs)}
	}
	return nil
}
