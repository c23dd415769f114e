package mp4

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Scanner reads an MP4 header from the file's bytes as they stream by, in
// chunks of any size. It keeps only top-level box headers and the moov box,
// skipping the media data without buffering it. The zero value is ready.
//
//	var s mp4.Scanner
//	_, err := io.Copy(io.MultiWriter(upload, &s), download)
//	info, err := s.Result()
type Scanner struct {
	hdr   [16]byte // the current top-level box header
	nhdr  int      // bytes of it seen so far
	left  uint64   // body bytes of the current box still to come
	toEnd bool     // the current box runs to the end of the file (size 0)
	boxes int      // top-level boxes seen

	inMoov bool   // the current box is the moov, being collected
	moov   []byte // its body so far, when it spans Writes

	done bool // the moov was parsed
	info Info
	err  error // the first thing wrong with the file
}

var _ io.Writer = (*Scanner)(nil)

// Write takes the next bytes of the file. It never fails, so it cannot break
// the stream it listens to: what is wrong with the file waits for Result.
func (s *Scanner) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 && s.err == nil {
		switch {
		case s.inMoov:
			p = s.readMoov(p)
		case s.left > 0 || s.toEnd:
			p = s.skip(p)
		default:
			p = s.readHeader(p)
		}
	}
	return n, nil
}

// Done reports whether the moov box has been parsed: the Info is known and
// only the rest of the file being truncated or broken can still fail Result.
// With "faststart" files that happens soon after the start.
func (s *Scanner) Done() bool { return s.done }

// Info returns the header's facts as soon as the moov box was parsed, before
// the rest of the file arrives, so a stream can be refused early.
func (s *Scanner) Info() (Info, bool) { return s.info, s.done && s.err == nil }

// Result is the verdict on the file once all of it was written.
func (s *Scanner) Result() (Info, error) {
	switch {
	case s.err != nil:
		return Info{}, s.err
	case s.boxes == 0:
		return Info{}, ErrNotMP4
	case s.inMoov && s.toEnd:
		return parseMoov(s.moov)
	case s.nhdr > 0 || s.left > 0 || s.inMoov:
		return Info{}, ErrTruncated
	case !s.done:
		return Info{}, ErrNoMoov
	}
	return s.info, nil
}

func (s *Scanner) skip(p []byte) []byte {
	if s.toEnd {
		return nil
	}
	k := min(uint64(len(p)), s.left)
	s.left -= k
	return p[k:]
}

func (s *Scanner) readHeader(p []byte) []byte {
	for s.nhdr < s.headerLen() {
		if len(p) == 0 {
			return nil
		}
		k := copy(s.hdr[s.nhdr:s.headerLen()], p)
		s.nhdr += k
		p = p[k:]
	}
	s.startBox()
	s.nhdr = 0
	return p
}

// headerLen is 8, or 16 once the header says a 64-bit size follows.
func (s *Scanner) headerLen() int {
	if s.nhdr >= 8 && binary.BigEndian.Uint32(s.hdr[:]) == 1 {
		return 16
	}
	return 8
}

func (s *Scanner) startBox() {
	typ := string(s.hdr[4:8])
	if s.boxes == 0 && typ != "ftyp" {
		s.err = ErrNotMP4
		return
	}
	s.boxes++
	size, hl := uint64(binary.BigEndian.Uint32(s.hdr[:])), uint64(8)
	switch size {
	case 0:
		s.toEnd = true
	case 1:
		size, hl = binary.BigEndian.Uint64(s.hdr[8:]), 16
	}
	if !s.toEnd && size < hl {
		s.err = fmt.Errorf("%w (a box is smaller than its header)", ErrDamaged)
		return
	}
	if !s.toEnd {
		s.left = size - hl
	}
	if typ != "moov" || s.done {
		return // a second moov is skipped like media data
	}
	switch {
	case s.left > maxMoov:
		s.err = ErrMoovTooBig
	case s.left == 0 && !s.toEnd:
		s.parse(nil)
	default:
		s.inMoov = true
	}
}

func (s *Scanner) readMoov(p []byte) []byte {
	if s.toEnd {
		if len(s.moov)+len(p) > maxMoov {
			s.err = ErrMoovTooBig
			return nil
		}
		s.collect(p, maxMoov)
		return nil
	}
	if s.moov == nil && uint64(len(p)) >= s.left {
		// The whole moov is in this chunk: no need to copy it.
		rest := p[s.left:]
		s.parse(p[:s.left])
		return rest
	}
	k := min(uint64(len(p)), s.left)
	s.collect(p[:k], len(s.moov)+int(s.left))
	s.left -= k
	if s.left == 0 {
		s.parse(s.moov)
	}
	return p[k:]
}

// collect appends to the moov buffer, never growing it past limit. A moov
// up to 1 MiB gets its buffer at once; beyond, the buffer grows with what
// arrives rather than with what the header claims.
func (s *Scanner) collect(p []byte, limit int) {
	if need := len(s.moov) + len(p); need > cap(s.moov) {
		grown := make([]byte, len(s.moov), min(max(2*cap(s.moov), need, 1<<20), limit))
		copy(grown, s.moov)
		s.moov = grown
	}
	s.moov = append(s.moov, p...)
}

func (s *Scanner) parse(moov []byte) {
	s.info, s.err = parseMoov(moov)
	s.inMoov, s.moov, s.left, s.done = false, nil, 0, true
}
