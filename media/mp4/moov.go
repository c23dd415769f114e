package mp4

import (
	"encoding/binary"
	"fmt"
	"math"
)

// boxType is a box's four-character code.
type boxType [4]byte

// walk calls fn for each box in b, a container's body, in order. Every box
// must fit in b; a size of 0 means "to the end of the container".
func walk(b []byte, fn func(typ boxType, body []byte) error) error {
	for len(b) > 0 {
		if len(b) < 8 {
			return badSize()
		}
		size, hl := uint64(binary.BigEndian.Uint32(b)), uint64(8)
		switch size {
		case 0:
			size = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return badSize()
			}
			size, hl = binary.BigEndian.Uint64(b[8:]), 16
		}
		if size < hl || size > uint64(len(b)) {
			return badSize()
		}
		if err := fn(boxType(b[4:8]), b[hl:size]); err != nil {
			return err
		}
		b = b[size:]
	}
	return nil
}

func badSize() error { return fmt.Errorf("%w (a box does not fit in its parent)", ErrDamaged) }

func bad(name string) error { return fmt.Errorf("%w (bad %s box)", ErrDamaged, name) }

// movie is what parseMoov gathers from the moov box.
type movie struct {
	hasMvhd bool
	scale   uint32 // mvhd's
	dur     uint64 // mvhd's, in scale units
	fragDur uint64 // mehd's, for fragmented files, in scale units
	video   track  // the best video track so far
	rank    int    // its rank, 0 for none
}

// parseMoov reads a moov body: the one parser both Probe and Scanner use.
func parseMoov(b []byte) (Info, error) {
	var m movie
	if err := walk(b, m.child); err != nil {
		return Info{}, err
	}
	return m.result()
}

func (m *movie) child(typ boxType, b []byte) (err error) {
	switch string(typ[:]) {
	case "mvhd":
		m.scale, m.dur, err = times("mvhd", b)
		if err == nil && m.scale == 0 {
			err = bad("mvhd")
		}
		m.hasMvhd = true
	case "mvex":
		err = walk(b, m.mvex)
	case "trak":
		var t track
		if err = walk(b, t.child); err == nil && t.rank() > m.rank {
			m.video, m.rank = t, t.rank()
		}
	}
	return err
}

// mvex holds mehd, the duration of a fragmented movie whose mvhd has none.
func (m *movie) mvex(typ boxType, b []byte) error {
	if string(typ[:]) != "mehd" {
		return nil
	}
	switch {
	case len(b) >= 8 && b[0] == 0:
		m.fragDur = uint64(binary.BigEndian.Uint32(b[4:]))
	case len(b) >= 12 && b[0] == 1:
		m.fragDur = binary.BigEndian.Uint64(b[4:])
	default:
		return bad("mehd")
	}
	return nil
}

func (m *movie) result() (Info, error) {
	if !m.hasMvhd {
		return Info{}, fmt.Errorf("%w (no mvhd box)", ErrDamaged)
	}
	if m.rank == 0 {
		return Info{}, ErrNoVideo
	}
	w, h := m.video.size()
	if w == 0 || h == 0 {
		return Info{}, fmt.Errorf("%w (the video track has no size)", ErrDamaged)
	}
	d := duration(m.dur, m.scale)
	if d == 0 {
		d = duration(m.video.dur, m.video.scale)
	}
	if d == 0 {
		d = duration(m.fragDur, m.scale)
	}
	return Info{Width: w, Height: h, Duration: d}, nil
}

// times reads the timescale and duration of an mvhd or mdhd body; both lay
// them out alike. An all-ones duration means unknown, read as 0.
func times(name string, b []byte) (scale uint32, dur uint64, err error) {
	switch {
	case len(b) >= 20 && b[0] == 0:
		scale, dur = binary.BigEndian.Uint32(b[12:]), uint64(binary.BigEndian.Uint32(b[16:]))
		if dur == math.MaxUint32 {
			dur = 0
		}
	case len(b) >= 32 && b[0] == 1:
		scale, dur = binary.BigEndian.Uint32(b[20:]), binary.BigEndian.Uint64(b[24:])
		if dur == math.MaxUint64 {
			dur = 0
		}
	default:
		return 0, 0, bad(name)
	}
	return scale, dur, nil
}
