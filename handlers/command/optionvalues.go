package command

import "time"

// Options are the key=value tokens of one command, by key. Its Spec
// declares the keys it takes, so a command holds only its own options; a
// getter of one not given says so with its zero value.
type Options map[string]any

// Frame is frame=: seconds into a video or GIF for its cover, 0 to 10; nil
// when not given.
func (o Options) Frame() *float64 {
	if f, ok := o["frame"].(float64); ok {
		return &f
	}
	return nil
}

// BG is bg=: 1 to 4 background colours as 0xRRGGBB, for stickers and
// custom emoji; nil when not given.
func (o Options) BG() []uint32 {
	bg, _ := o["bg"].([]uint32)
	return bg
}

// For is for=: undo after this long, 1m to 366d; zero when not given.
func (o Options) For() time.Duration {
	d, _ := o["for"].(time.Duration)
	return d
}

// Suggest is suggest=: also suggest the photo to the target.
func (o Options) Suggest() bool {
	b, _ := o["suggest"].(bool)
	return b
}

// Add is add=: add a target who is not a contact to the contacts first.
func (o Options) Add() bool {
	b, _ := o["add"].(bool)
	return b
}

// Photo is photo=: which of the contact's own profile photos, 1 (current)
// and up; 0 when not given.
func (o Options) Photo() int {
	n, _ := o["photo"].(int)
	return n
}

// Replace is replace=: /import also sets a photo for a contact who already
// has a personal photo.
func (o Options) Replace() bool {
	b, _ := o["replace"].(bool)
	return b
}

// Look is how media is set as a profile photo: the cover frame of a video
// and the background of a sticker or custom emoji.
type Look struct {
	Frame *float64
	BG    []uint32
}

// Look is the frame= and bg= given.
func (o Options) Look() Look { return Look{Frame: o.Frame(), BG: o.BG()} }
