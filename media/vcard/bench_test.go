//go:build unix

package vcard

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// benchFile makes a 20 MB file of 2,000 cards in the iOS shape, each with
// a photo of about 7 KB (10 KB of folded base64) and two phones.
func benchFile(b *testing.B) []byte {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	photo := make([]byte, 7<<10)
	var f bytes.Buffer
	for i := range 2000 {
		for j := range photo {
			photo[j] = byte(rng.Uint32())
		}
		fmt.Fprintf(&f, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Surname%d;Name;;;\r\nFN:Name Surname%d\r\n", i, i)
		fmt.Fprintf(&f, "item1.TEL;type=CELL;type=VOICE;type=pref:+44 7700 9%05d\r\nTEL;type=HOME:020 7946 %04d\r\n", i, i)
		line := "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.StdEncoding.EncodeToString(photo)
		f.WriteString(line[:75])
		for line = line[75:]; len(line) > 0; line = line[min(74, len(line)):] {
			f.WriteString("\r\n " + line[:min(74, len(line))])
		}
		f.WriteString("\r\nEND:VCARD\r\n")
	}
	if f.Len() > 20<<20 {
		b.Fatalf("the file is %d bytes, over 20 MB", f.Len())
	}
	return f.Bytes()
}

// BenchmarkReader20MB reads a 20 MB file of 2,000 cards from disk, as
// /import streams a download. It reports the process's CPU time per file
// (cpu-ms/op: the bound is 1 s) and the heap's peak over its level
// before reading (peak-heap-MiB: the bound is 8 MiB), sampled after every
// card in one extra, untimed read.
func BenchmarkReader20MB(b *testing.B) {
	data := benchFile(b)
	name := filepath.Join(b.TempDir(), "contacts.vcf")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	data = nil // the heap holds no file: it streams from the disk
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if n := readCards(b, name, nil); n != 2000 {
			b.Fatalf("read %d cards", n)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.StopTimer()

	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	peak := base.HeapAlloc
	readCards(b, name, func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
	})
	b.ReportMetric(float64(peak-base.HeapAlloc)/(1<<20), "peak-heap-MiB")
}

// readCards reads every card of the file, calling sample after each.
func readCards(b *testing.B, name string, sample func()) int {
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, Limits{})
	n := 0
	for {
		c, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil || c.Problem != nil || len(c.Photo) != 7<<10 {
			b.Fatalf("card %d: %v %v, a %d-byte photo", n+1, err, c.Problem, len(c.Photo))
		}
		n++
		if sample != nil {
			sample()
		}
	}
}

// cpuTime is the process's user and system time.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
