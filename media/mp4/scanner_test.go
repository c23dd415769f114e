package mp4

import (
	"math/rand/v2"
	"testing"
)

// feed writes data to a new Scanner in chunks of the given size.
func feed(t testing.TB, data []byte, chunk int) (Info, error) {
	var s Scanner
	for len(data) > 0 {
		k := min(chunk, len(data))
		if n, err := s.Write(data[:k]); n != k || err != nil {
			t.Fatalf("Write = %d, %v; want %d, nil", n, err, k)
		}
		data = data[k:]
	}
	return s.Result()
}

// feedRandom writes data to a new Scanner in random chunks, some empty.
func feedRandom(t testing.TB, data []byte, rng *rand.Rand) (Info, error) {
	var s Scanner
	for len(data) > 0 {
		k := min(rng.IntN(3*len(data)/2+2), len(data))
		if n, err := s.Write(data[:k]); n != k || err != nil {
			t.Fatalf("Write = %d, %v; want %d, nil", n, err, k)
		}
		data = data[k:]
	}
	return s.Result()
}

func sameResult(a Info, aErr error, b Info, bErr error) bool {
	if (aErr == nil) != (bErr == nil) {
		return false
	}
	return a == b && (aErr == nil || aErr.Error() == bErr.Error())
}

func TestScannerChunksMatchProbe(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tt := range probeCases() {
		t.Run(tt.name, func(t *testing.T) {
			want, wantErr := Probe(tt.data)
			for chunk := 1; chunk <= 64; chunk++ {
				if info, err := feed(t, tt.data, chunk); !sameResult(info, err, want, wantErr) {
					t.Fatalf("in %d-byte chunks: %+v, %v; Probe: %+v, %v", chunk, info, err, want, wantErr)
				}
			}
			for range 50 {
				if info, err := feedRandom(t, tt.data, rng); !sameResult(info, err, want, wantErr) {
					t.Fatalf("in random chunks: %+v, %v; Probe: %+v, %v", info, err, want, wantErr)
				}
			}
		})
	}
}

func TestScannerDone(t *testing.T) {
	video := moov(mvhd(0, 1000, 3000), videoTrak(640, 640, mdhd(0, 1, 3)))
	for _, tt := range []struct {
		name   string
		data   []byte
		moovAt int // the offset just past the moov box
	}{
		{"faststart", cat(ftyp(), video, mdat(1000)), len(ftyp()) + len(video)},
		{"moov at the end", cat(ftyp(), mdat(1000), video), len(ftyp()) + 1008 + len(video)},
		{"no moov", cat(ftyp(), mdat(1000)), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var s Scanner
			for i := range tt.data {
				if s.Done() {
					t.Fatalf("done after %d bytes, the moov ends at %d", i, tt.moovAt)
				}
				_, _ = s.Write(tt.data[i : i+1])
				if i+1 == tt.moovAt && !s.Done() {
					t.Fatalf("not done after the moov, at %d bytes", i+1)
				}
				if i+1 >= tt.moovAt && tt.moovAt > 0 {
					break
				}
			}
		})
	}
}

func TestScannerIgnoresWritesAfterAnError(t *testing.T) {
	var s Scanner
	_, _ = s.Write([]byte("GIF89a and then whatever"))
	_, _ = s.Write(cat(ftyp(), moov(mvhd(0, 1, 1), videoTrak(8, 8, mdhd(0, 1, 1)))))
	if _, err := s.Result(); err != ErrNotMP4 {
		t.Fatalf("Result = %v, want %v", err, ErrNotMP4)
	}
}

func FuzzProbe(f *testing.F) {
	for i, tt := range probeCases() {
		f.Add(tt.data, uint64(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		info, err := Probe(data)
		if err == nil {
			if len(data) < 8 || string(data[4:8]) != "ftyp" {
				t.Fatalf("accepted data that does not start with ftyp: %q", data[:min(len(data), 8)])
			}
			if info.Width <= 0 || info.Height <= 0 || info.Duration < 0 {
				t.Fatalf("accepted with %+v", info)
			}
		}
		got, gotErr := feedRandom(t, data, rand.New(rand.NewPCG(seed, seed>>1)))
		if !sameResult(got, gotErr, info, err) {
			t.Fatalf("Scanner in random chunks: %+v, %v; Probe: %+v, %v", got, gotErr, info, err)
		}
	})
}

// BenchmarkScanner streams a 10 MiB file with its moov at the end through a
// Scanner in 512 KiB chunks, as a download piped into an upload would.
func BenchmarkScanner(b *testing.B) {
	const chunk = 512 << 10
	small := moov(mvhd(0, 1000, 3000), videoTrak(640, 640, mdhd(0, 1, 3)))
	// A real moov's sample tables grow with the video: ~300 KiB here.
	large := moov(mvhd(0, 1000, 3000), videoTrak(640, 640, mdhd(0, 1, 3)), box("free", make([]byte, 300<<10)))
	for _, bb := range []struct {
		name string
		data []byte
	}{
		{"moov in the last chunk", cat(ftyp(), mdat(10<<20), small)},
		// The moov starts 150 KiB before a chunk ends, so it is collected.
		{"moov across chunks", cat(ftyp(), mdat(10<<20-150<<10-40), large)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := feed(b, bb.data, chunk); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
