package e2e_test

import (
	"context"
	endian "encoding/binary"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// The soak of issue 5: hundreds of commands through the real binary at a
// user's pace, in bursts, some written while the daemon is down, while the
// emulator drops the connection, delays answers and asks for flood waits,
// and the daemon is killed twice with SIGKILL mid-work. Then every command
// must have exactly one answer, the one the model predicts, and the
// contacts' photos must be the ones the model predicts.
//
//	go test -race -run TestSoak ./e2e                      # 500 commands, CI
//	PERSONA_SOAK=long go test -race -run TestSoak ./e2e    # 5000 commands
//	PERSONA_SOAK_SEED=42 go test -race -run TestSoak ./e2e # replays a run
//
// A seed replays the same commands, faults and kill points; how they fall
// against the daemon's own timing varies from run to run. It runs only in
// a -race build: CI runs the suite twice, plainly and under -race, and
// once is enough.

// soakPlan is the size and pace of a soak.
type soakPlan struct {
	commands  int           // commands to post, besides the final probe
	kills     int           // SIGKILL restarts, spread over the run
	floods    int           // FLOOD_WAITs to inject at most
	bigPhotos int           // 1.5 MiB photos (3 parts) at most; the rest are tiny
	gap       time.Duration // mean pause between bursts
}

func soakPlanFromEnv() soakPlan {
	if os.Getenv("PERSONA_SOAK") == "long" {
		return soakPlan{commands: 5000, kills: 10, floods: 40, bigPhotos: 20, gap: 130 * time.Millisecond}
	}
	return soakPlan{commands: 500, kills: 2, floods: 6, bigPhotos: 12, gap: 130 * time.Millisecond}
}

func soakSeed(t *testing.T) uint64 {
	if v := os.Getenv("PERSONA_SOAK_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("PERSONA_SOAK_SEED=%q: %v", v, err)
		}
		return seed
	}
	return rand.Uint64()
}

// posted is a command as written, and what the model expects of it.
type posted struct {
	id        int
	cmd       soakCmd
	whileDown bool
}

// soak is one run: the world, the daemon of the moment, the model and
// what was done to them.
type soak struct {
	t       *testing.T
	plan    soakPlan
	seed    uint64
	rng     *rand.Rand
	w       *world
	d       *daemon
	daemons []*daemon
	model   *soakModel
	started time.Time

	cmds   []posted
	others []int // messages that are not commands: never answered
	photos int   // photos made
	big    int   // of them 1.5 MiB
	kills  int
	faults soakFaults
	// ownChanges counts the contacts' changes of their own photos.
	ownChanges int
	// deleted are the commands whose finished answer the owner deleted
	// from another app: answered once, so never again (README, "Alongside your other apps").
	deleted map[int]bool
}

func TestSoak(t *testing.T) {
	if !raceBuild {
		t.Skip("the soak runs under -race only: go test -race -run TestSoak ./e2e")
	}
	t.Parallel()
	s := newSoak(t)
	s.run()
	s.awaitAnswers()
	s.check("after the soak")

	// The owner changes photos in another app; the daemon follows, and
	// the commands after it start from what it recorded.
	s.elsewhere()
	s.awaitAnswers()
	s.check("after changes in another app")

	// A clean restart answers nothing again and loses nothing.
	s.d.stop(t)
	s.restart()
	s.post(soakCmd{text: "/status", want: "✅"}, false)
	s.awaitAnswers()
	s.d.stop(t) // a wrong second answer can only come before the exit
	s.check("after a clean restart")
	for i, d := range s.daemons {
		if log := d.log(); strings.Contains(log, "WARNING: DATA RACE") {
			t.Errorf("daemon %d had a data race:\n%s", i+1, log[strings.Index(log, "WARNING: DATA RACE"):])
		}
	}
	s.report()
}

func newSoak(t *testing.T) *soak {
	s := &soak{t: t, plan: soakPlanFromEnv(), seed: soakSeed(t), deleted: map[int]bool{}}
	t.Logf("soak seed %d (PERSONA_SOAK_SEED=%d replays it)", s.seed, s.seed)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("soak seed %d failed; replay with PERSONA_SOAK_SEED=%d", s.seed, s.seed)
			for i, d := range s.daemons {
				t.Logf("daemon %d, the end of its log:\n%s", i+1, tail(d.log(), 60))
			}
		}
	})
	s.rng = rand.New(rand.NewPCG(s.seed, s.seed^0x5eed))
	s.w = newWorld(t, setup{})
	if raceBuild {
		path, err := raceDaemon()
		if err != nil {
			t.Fatal(err)
		}
		s.w.daemonBinary = path
	}
	w := s.w
	carol := w.emu.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "carol"})
	dave := w.emu.AddUser(emulator.UserSpec{FirstName: "Dave", Username: "dave"})
	w.emu.AddContact(w.me.ID, carol.ID)
	w.emu.AddContact(w.me.ID, dave.ID)
	s.model = &soakModel{
		rng: s.rng,
		contacts: []*soakContact{
			{user: w.alice, forms: []string{"@alice", "t.me/alice", alicePhone}, own: emulator.JPEG(400, 400, 1000)},
			{user: w.bob, forms: []string{"@bob", "https://t.me/bob"}},
			{user: carol, forms: []string{"@carol", strconv.FormatInt(carol.ID, 10)}, own: emulator.JPEG(400, 400, 2000)},
			{user: dave, forms: []string{"@dave"}},
		},
		strays:   []soakTarget{{form: "@eve"}, {form: "@nosuch"}},
		newPhoto: s.newPhoto(),
		watchers: []*soakContact{
			soakWatcher(w, "Frank", emulator.JPEG(400, 400, 3000)),
			soakWatcher(w, "Grace", emulator.JPEG(400, 400, 4000)),
		},
		half: s.plan.commands / 2,
	}
	soakPictures(t, w.emu, s.model.all())
	w.mustLogin(t)
	s.daemons = []*daemon{w.startDaemon(t)}
	s.d = s.daemons[0]
	s.faults = newSoakFaults()
	return s
}

// newPhoto makes photos that all differ: small JPEGs of 20 kB, and now
// and then one of 1.5 MiB that takes three parts and may show upload
// progress. Small, but larger than the emulator's 320×320 thumbnail, so
// that the photo itself is the largest size, as on Telegram.
func (s *soak) newPhoto() func() []byte {
	small := emulator.JPEG(64, 64, 20<<10)
	var big []byte
	return func() []byte {
		s.photos++
		base := small
		if s.big < s.plan.bigPhotos && s.rng.IntN(100) < 3 {
			if big == nil {
				big = emulator.JPEG(800, 800, 1536<<10)
			}
			s.big++
			base = big
		}
		b := slices.Clone(base)
		// The first comment's payload, after SOI, its marker and length.
		endian.BigEndian.PutUint64(b[6:], uint64(s.photos))
		return b
	}
}

// run posts the commands in bursts with pauses, injects faults between
// bursts, and kills the daemon now and then.
func (s *soak) run() {
	s.started = time.Now()
	n := s.plan.commands
	var kills []int // after how many commands, one in each stretch of the run
	for i := range s.plan.kills {
		stretch := n / (s.plan.kills + 1)
		kills = append(kills, stretch*(i+1)-stretch/2+s.rng.IntN(stretch))
	}
	for len(s.cmds) < n {
		if len(kills) > 0 && len(s.cmds) >= kills[0] {
			kills = kills[1:]
			s.crash()
		}
		s.faults.expire(s, false)
		if s.rng.IntN(8) == 0 {
			s.faults.inject(s)
		}
		if s.rng.IntN(20) == 0 {
			s.postOther()
		}
		if s.rng.IntN(25) == 0 {
			s.deleteAnswer()
		}
		if s.rng.IntN(8) == 0 {
			s.changeOwn(1)
		}
		for range min(s.burst(), n-len(s.cmds)) {
			s.post(s.model.next(), false)
		}
		time.Sleep(s.pause())
	}
	s.faults.expire(s, true)
}

// burst is how many commands are written at once: mostly one, sometimes
// a few, now and then a pasted batch.
func (s *soak) burst() int {
	switch p := s.rng.IntN(100); {
	case p < 70:
		return 1
	case p < 90:
		return 2 + s.rng.IntN(4)
	case p < 98:
		return 6 + s.rng.IntN(10)
	default:
		return 20 + s.rng.IntN(21)
	}
}

// onSomeDC puts about half the media on DC 4, as media from friends on
// other DCs is, so downloads go both ways (issue 13).
func (s *soak) onSomeDC(m *emulator.Media) *emulator.Media {
	if s.rng.IntN(2) == 0 {
		return m.OnDC(4)
	}
	return m
}

// pause between bursts: exponential around the plan's gap, at most 10×.
func (s *soak) pause() time.Duration {
	return min(time.Duration(s.rng.ExpFloat64()*float64(s.plan.gap)), 10*s.plan.gap)
}

// post writes the command into Saved Messages and records what the model
// expects of it.
func (s *soak) post(c soakCmd, whileDown bool) {
	if !whileDown {
		s.settleWatches(c)
	}
	m := emulator.Message{Text: c.text, ReplyTo: c.replyTo}
	if c.media != nil {
		m.Media = s.onSomeDC(emulator.Photo(c.media))
	}
	id := s.w.post(s.t, m)
	if c.media != nil {
		s.model.photos = append(s.model.photos, soakPhoto{msgID: id, data: c.media})
	}
	s.cmds = append(s.cmds, posted{id: id, cmd: c, whileDown: whileDown})
}

// elsewhere sets or removes, in another of the owner's apps, the personal
// photo of each contact Persona set one for, waits until the daemon has
// asked Telegram about that contact (updateUser), then writes two commands
// for each of them.
func (s *soak) elsewhere() {
	var changed []*soakContact
	for _, c := range s.model.contacts {
		if c.cur == nil {
			continue
		}
		if s.rng.IntN(2) == 0 {
			photo := s.model.newPhoto()
			s.w.emu.SetPersonalPhotoElsewhere(s.w.me.ID, c.user.ID, photo)
			c.elsewhere = photo
		} else {
			s.w.emu.RemovePersonalPhotoElsewhere(s.w.me.ID, c.user.ID)
			c.reset() // the record is reset, as by /reset
		}
		// After the change: the daemon checks a couple of seconds after
		// the updateUser it was just pushed, so its check comes later.
		s.waitChecked(s.w.emu.LastSeq(), c.user.ID)
		changed = append(changed, c)
	}
	for _, c := range changed {
		for range 2 {
			s.post(s.model.about(c), false)
		}
	}
}

// waitChecked waits for a users.getUsers after seq that asks about user.
func (s *soak) waitChecked(seq int, user int64) {
	ctx, cancel := patience(s.t)
	defer cancel()
	_, err := s.w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool {
		req, ok := ev.Request.(*tg.UsersGetUsersRequest)
		if ev.Kind != emulator.EventRPC || !ok || ev.Err != nil {
			return false
		}
		for _, in := range req.ID {
			if u, ok := in.(*tg.InputUser); ok && u.UserID == user {
				return true
			}
		}
		return false
	})
	if err != nil {
		s.t.Fatalf("the daemon never checked user %d after a change in another app\n%s", user, tail(s.d.log(), 40))
	}
}

// deleteAnswer deletes, as the owner's phone, the finished answer of a
// command picked at random: the command was answered, and must never be
// answered or run again for it. A ⏳ is left alone: it may turn into the
// answer between the look and the deletion, and TestDeleted* cover it.
func (s *soak) deleteAnswer() {
	a := s.answers()
	var done []*tg.Message
	for _, c := range s.cmds {
		if rs := a.byMsg[c.id]; len(rs) == 1 && !s.deleted[c.id] && !strings.HasPrefix(rs[0].Message, "⏳") {
			done = append(done, rs[0])
		}
	}
	if len(done) == 0 {
		return
	}
	m := done[s.rng.IntN(len(done))]
	if s.w.emu.DeleteMessages(s.w.me.ID, m.ID) == 1 {
		s.deleted[m.ReplyTo.(*tg.MessageReplyHeader).ReplyToMsgID] = true
	}
}

// postOther writes what is not a command: a note or a photo without a
// caption, which later commands may reply to.
func (s *soak) postOther() {
	m := emulator.Message{Text: "note to self " + strconv.Itoa(len(s.others))}
	var photo []byte
	if s.rng.IntN(2) == 0 {
		photo = s.model.newPhoto()
		m = emulator.Message{Media: s.onSomeDC(emulator.Photo(photo))}
	}
	id := s.w.post(s.t, m)
	if photo != nil {
		s.model.photos = append(s.model.photos, soakPhoto{msgID: id, data: photo})
	}
	s.others = append(s.others, id)
}

// crashAt are the calls the kills are timed by, in turn: mid-upload, and
// between the reply and the journal. Telegram does the call, its answer is
// lost with the connection, and the daemon is killed before it can make
// the call again: it cannot know whether the call was done.
var crashAt = [][]string{{"upload.getFile", "upload.saveFilePart", uploadMethod}, {"messages.sendMessage"}}

// crash kills the daemon with SIGKILL mid-work, writes a few commands
// while it is down, and starts it again.
func (s *soak) crash() {
	t, w := s.t, s.w
	// A change not yet told could be told or not, as the commands written
	// while down run before or after the start's check: tell it first.
	s.awaitNotices(s.model.all())
	methods := crashAt[s.kills%len(crashAt)]
	method := methods[s.rng.IntN(len(methods))]
	w.emu.DropAnswer(method, 1)
	seq := w.emu.LastSeq()
	s.post(s.model.make("setphoto"), false) // work for the call, should the daemon be idle
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == method && ev.Err == nil
	})
	cancel()
	s.d.kill(t)
	w.emu.DropAnswer(method, 0)
	s.kills++
	when := "with the answer to " + method + " lost"
	if err != nil {
		when = "while idle (no " + method + " within 5 s)"
	}
	t.Logf("SIGKILL %d at %s, after %d commands, %s", s.kills, time.Since(s.started).Round(time.Millisecond), len(s.cmds), when)
	for range 3 + s.rng.IntN(10) {
		s.post(s.model.next(), true)
		time.Sleep(time.Duration(s.rng.IntN(30)) * time.Millisecond)
	}
	s.changeOwn(1 + s.rng.IntN(2)) // told once at the start, however often
	time.Sleep(time.Duration(100+s.rng.IntN(400)) * time.Millisecond)
	s.restart()
}

func (s *soak) restart() {
	s.d = s.w.startDaemon(s.t)
	s.daemons = append(s.daemons, s.d)
}

// tail is the last n lines of a log.
func tail(log string, n int) string {
	lines := strings.Split(strings.TrimRight(log, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
