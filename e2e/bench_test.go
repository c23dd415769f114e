package e2e_test

// The benchmarks of issues #6 and #17: the real binary as a child process
// against the emulator. A latency is read from the emulator's event log,
// from the push of the command to the RPC that ends the job, so neither the
// test's polling nor the process start counts. The latencies users feel are
// taken with the emulator answering one RTT late (PERSONA_BENCH_RTT, 50 ms
// by default), and reported in RTTs: on loopback the round trips vanish and
// only CPU shows. Each benchmark reports the median of its jobs; ns/op is
// hidden, as it would only time the waiting.
//
//	go test -run='^$' -bench=. ./e2e     # one run of each
//	go run ./cmd/benchtable -n 5         # the README's table

import (
	"bytes"
	"context"
	endian "encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

const (
	replyMethod = "messages.sendMessage"
	photoBytes  = 1 << 20
	// videoBytes and videoSide: the largest profile video Telegram takes
	// (2 MiB, 1280 px); a real one is a little under.
	videoBytes = 1_900_000
	videoSide  = 800
	videoSecs  = 5
	pngBytes   = 5_000_000 // a screenshot-sized PNG sent as a file
	stressPNG  = 10 << 20  // the largest image file the daemon takes
	records    = 100       // contacts with a personal photo for /list and /reset
	jobTimeout = 60 * time.Second
	rttEnv     = "PERSONA_BENCH_RTT"
	defaultRTT = 50 * time.Millisecond
	// jobGap spaces the jobs as a user's commands are: long enough for the
	// daemon to finish the last one and for its rate limiter to refill.
	// Back-to-back throughput is what BenchmarkBacklog100 measures.
	jobGap = time.Second
)

// bench is a logged-in world with its daemon, and the samples taken.
type bench struct {
	b       *testing.B
	w       *world
	d       *daemon
	rtt     time.Duration // of the measured jobs; zero on loopback
	samples []float64
}

// newBench starts a world and a daemon, and sets a photo for @alice once,
// so every measured job finds a known contact, as in daily use. All of it
// runs on loopback; the caller sets the RTT for the jobs it measures.
func newBench(tb testing.TB, b *testing.B) *bench {
	tb.Helper()
	w := newWorld(tb, setup{})
	w.mustLogin(tb)
	bn := &bench{b: b, w: w, d: w.startDaemon(tb)}
	bn.run(setphoto(emulator.Photo(emulator.JPEG(64, 64, 0))))
	bn.pause()
	return bn
}

// benchRTT is the RTT of the latency benchmarks: PERSONA_BENCH_RTT (a Go
// duration, as cmd/benchtable's -rtt passes it) or 50 ms.
func benchRTT(b *testing.B) time.Duration {
	v := os.Getenv(rttEnv)
	if v == "" {
		return defaultRTT
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		b.Fatalf("%s=%q: want a positive Go duration", rttEnv, v)
	}
	return d
}

// setRTT makes the emulator answer every call d late from now on.
func (bn *bench) setRTT(d time.Duration) {
	bn.rtt = d
	bn.w.emu.SetRTT(d)
}

// job is one command as the emulator saw it.
type job struct {
	id     int
	seq    int            // the last event before the command was posted
	pushed emulator.Event // the command's push to the daemon
	answer emulator.Event // the RPC that put the final answer on screen
}

// run posts m into Saved Messages and waits for its answer, which must
// start with ✅: a failed job measures nothing.
func (bn *bench) run(m emulator.Message) job {
	bn.b.Helper()
	w := bn.w
	j := job{seq: w.emu.LastSeq()}
	j.id = w.post(bn.b, m)
	me := w.me.ID
	j.pushed = bn.wait(j.seq, "the push of the command", func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventPush && ev.UserID == me && ev.Err == nil && pushes(ev, j.id)
	})
	j.answer = bn.wait(j.seq, "the answer", func(ev emulator.Event) bool { return bn.answerTo(ev) == j.id })
	if text := answerText(j.answer); !strings.HasPrefix(text, "✅") {
		bn.b.Fatalf("%q got %q\ndaemon log:\n%s", m.Text, text, bn.d.log())
	}
	return j
}

// call is the job's first successful RPC of method.
func (bn *bench) call(j job, method string) emulator.Event {
	bn.b.Helper()
	return bn.wait(j.seq, method, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == method && ev.Err == nil && ev.Seq < j.answer.Seq
	})
}

func (bn *bench) wait(seq int, what string, match func(emulator.Event) bool) emulator.Event {
	bn.b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), jobTimeout)
	defer cancel()
	ev, err := bn.w.emu.WaitEvent(ctx, seq, match)
	if err != nil {
		bn.b.Fatalf("no %s within %s\ndaemon log:\n%s", what, jobTimeout, bn.d.log())
	}
	return ev
}

// pause lets the daemon settle between jobs, off the clock.
func (bn *bench) pause() {
	bn.b.StopTimer()
	time.Sleep(jobGap)
	bn.b.StartTimer()
}

// sample records the time from the command's push to ev, in RTTs.
func (bn *bench) sample(j job, ev emulator.Event) {
	bn.samples = append(bn.samples, rtts(ev.Time.Sub(j.pushed.Time), bn.rtt))
}

func rtts(d, rtt time.Duration) float64 { return float64(d) / float64(rtt) }

// report publishes the median of the samples as unit.
func (bn *bench) report(unit string) {
	report(bn.b, bn.samples, unit)
}

func report(b *testing.B, samples []float64, unit string) {
	b.ReportMetric(0, "ns/op")
	if len(samples) > 0 {
		b.ReportMetric(median(samples), unit)
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func setphoto(m *emulator.Media) emulator.Message {
	return emulator.Message{Text: "/setphoto @alice", Media: m}
}

// pushes reports whether the pushed updates carry the new message id.
func pushes(ev emulator.Event, id int) bool {
	u, ok := ev.Result.(*tg.Updates)
	if !ok {
		return false
	}
	for _, up := range u.Updates {
		if nm, ok := up.(*tg.UpdateNewMessage); ok && nm.Message.GetID() == id {
			return true
		}
	}
	return false
}

// answerTo is the command whose final answer ev puts on screen, or 0: the
// reply itself, or the edit of a progress reply (⏳) into the final text.
func (bn *bench) answerTo(ev emulator.Event) int {
	if ev.Kind != emulator.EventRPC || ev.Err != nil {
		return 0
	}
	if text := answerText(ev); text == "" || strings.HasPrefix(text, "⏳") {
		return 0
	}
	switch req := ev.Request.(type) {
	case *tg.MessagesSendMessageRequest:
		if to, ok := req.ReplyTo.(*tg.InputReplyToMessage); ok {
			return to.ReplyToMsgID
		}
	case *tg.MessagesEditMessageRequest:
		m, _ := bn.w.emu.Message(bn.w.me.ID, req.ID)
		if msg, ok := m.(*tg.Message); ok {
			if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok {
				return h.ReplyToMsgID
			}
		}
	}
	return 0
}

func answerText(ev emulator.Event) string {
	switch req := ev.Request.(type) {
	case *tg.MessagesSendMessageRequest:
		return req.Message
	case *tg.MessagesEditMessageRequest:
		return req.Message
	}
	return ""
}

// media makes files of an exact size in which every variant differs, so
// no two jobs send the same bytes and nothing can be served from a cache.
type media struct {
	base []byte
	at   int // where the variant number is written: filler, not content
	make func([]byte) *emulator.Media
}

// photoFile is a JPEG of size bytes, padded with comment segments, whose
// headers come on top of the padding asked for.
func photoFile(size int) media {
	pad := size - len(emulator.JPEG(800, 800, 0))
	jpeg := emulator.JPEG(800, 800, pad)
	for len(jpeg) > size {
		pad -= len(jpeg) - size
		jpeg = emulator.JPEG(800, 800, pad)
	}
	// The comment's payload starts after SOI, its marker and its length.
	return media{base: jpeg, at: 6, make: emulator.Photo}
}

// videoFile is a square MP4 of size bytes and 5 s, as Telegram accepts for
// a profile video; its mdat payload is the filler.
func videoFile(size int) media {
	head := len(emulator.MP4(videoSide, videoSide, videoSecs, 0))
	mp4 := emulator.MP4(videoSide, videoSide, videoSecs, size-head)
	return media{base: mp4, at: len(mp4) - 8, make: func(b []byte) *emulator.Media {
		return emulator.Video(b, videoSide, videoSide, videoSecs)
	}}
}

// pngFile is an 800×800 PNG of size bytes sent as a file, padded with a
// private ancillary chunk right after IHDR (decoders skip it) whose CRC is
// made right for every variant.
func pngFile(size int) media {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 800, 800))); err != nil {
		panic(err)
	}
	small := img.Bytes()
	const ihdrEnd = 8 + 8 + 13 + 4 // signature, IHDR's length and type, data, CRC
	pad := size - len(small) - 12  // a chunk's length, type and CRC
	chunk := make([]byte, 12+pad)
	endian.BigEndian.PutUint32(chunk, uint32(pad))
	copy(chunk[4:], "peRs")
	file := slices.Concat(small[:ihdrEnd], chunk, small[ihdrEnd:])
	return media{base: file, at: ihdrEnd + 8, make: func(b []byte) *emulator.Media {
		c := b[ihdrEnd : ihdrEnd+12+pad]
		endian.BigEndian.PutUint32(c[8+pad:], crc32.ChecksumIEEE(c[4:8+pad]))
		return emulator.ImageFile(b, "image/png", "screen.png")
	}}
}

func (m media) variant(i int) *emulator.Media {
	b := slices.Clone(m.base)
	endian.BigEndian.PutUint64(b[m.at:], uint64(i)+1)
	return m.make(b)
}

// BenchmarkVideoProfile: the largest profile video Telegram takes,
// 1.9 MB, 800×800, 5 s, from the push of the command to
// uploadContactProfilePhoto, in RTTs.
func BenchmarkVideoProfile(b *testing.B) {
	benchSetphoto(b, videoFile(videoBytes))
}

// BenchmarkPhoto1MiB: a 1 MiB photo, the same.
func BenchmarkPhoto1MiB(b *testing.B) {
	benchSetphoto(b, photoFile(photoBytes))
}

// BenchmarkPNGFile5MB: a 5 MB PNG sent as a file, the same.
func BenchmarkPNGFile5MB(b *testing.B) {
	benchSetphoto(b, pngFile(pngBytes))
}

// BenchmarkPNGFile10MiB: the largest image file the daemon takes, as a
// stress figure.
func BenchmarkPNGFile10MiB(b *testing.B) {
	benchSetphoto(b, pngFile(stressPNG))
}

func benchSetphoto(b *testing.B, file media) {
	bn := newBench(b, b)
	bn.run(setphoto(file.variant(-1))) // the first of its size warms the buffers
	bn.pause()
	bn.setRTT(benchRTT(b))
	for i := 0; b.Loop(); i++ {
		j := bn.run(setphoto(file.variant(i)))
		bn.sample(j, bn.call(j, uploadMethod))
		bn.pause()
	}
	bn.report("rtt/job")
}

// withRecords gives the account 100 more contacts, each with a personal
// photo set by the daemon (on loopback, off the clock), so /list and
// /reset run over as many records as a heavy user has.
func (bn *bench) withRecords(n int) []emulator.User {
	bn.b.Helper()
	users := bn.w.addContacts(n)
	small := emulator.Photo(emulator.JPEG(64, 64, 0))
	for _, u := range users {
		bn.run(emulator.Message{Text: "/setphoto @" + u.Username, Media: small})
	}
	bn.pause()
	return users
}

// addContacts adds n users with usernames to the account's contacts.
func (w *world) addContacts(n int) []emulator.User {
	users := make([]emulator.User, 0, n)
	for i := range n {
		u := w.emu.AddUser(emulator.UserSpec{FirstName: fmt.Sprintf("Friend %d", i), Username: fmt.Sprintf("friend%03d", i)})
		w.emu.AddContact(w.me.ID, u.ID)
		users = append(users, u)
	}
	return users
}

// BenchmarkTextReset: /reset of a contact with a personal photo, from the
// push to the reply. Setting the photo again is off the clock.
// The account has 100 other records, in RTTs.
func BenchmarkTextReset(b *testing.B) {
	bn := newBench(b, b)
	bn.withRecords(records)
	small := emulator.JPEG(64, 64, 0)
	rtt := benchRTT(b)
	for b.Loop() {
		b.StopTimer()
		bn.setRTT(0)
		bn.run(setphoto(emulator.Photo(small)))
		bn.pause()
		bn.setRTT(rtt)
		j := bn.run(emulator.Message{Text: "/reset @alice"})
		bn.sample(j, j.answer)
		bn.pause()
	}
	bn.report("rtt/job")
}

// BenchmarkTextList: /list of 101 records, from the push to the reply, in
// RTTs.
func BenchmarkTextList(b *testing.B) {
	bn := newBench(b, b)
	bn.withRecords(records)
	bn.setRTT(benchRTT(b))
	for b.Loop() {
		j := bn.run(emulator.Message{Text: "/list"})
		bn.sample(j, j.answer)
		bn.pause()
	}
	bn.report("rtt/job")
}
