// Package e2e drives the built persona binary against the in-process
// Telegram emulator: login, the daemon, its commands as a user sees them in
// Saved Messages, and the RPCs and bytes that reach Telegram.
package e2e_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// Secrets that must never reach standard output or standard error.
const (
	appHash    = "e2eAppHashS3cret0123456789abcdef"
	loginCode  = "Code7Q2x"
	password   = "pw-Zq8-s3cret"
	phone      = "+15550001111"
	alicePhone = "+15550002222"
)

const uploadMethod = "photos.uploadContactProfilePhoto"

var binary string

// buildDir is where the harness builds its binaries.
var buildDir string

// raceDaemon builds, once, the daemon with the race detector, for the soak
// under -race: its commands run at once, and only a race-built daemon
// shows a data race among them.
var raceDaemon = sync.OnceValues(func() (string, error) {
	path := filepath.Join(buildDir, "persona-race")
	build := exec.Command("go", "build", "-race", "-o", path, "persona")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build -race: %v\n%s", err, out)
	}
	return path, nil
})

func TestMain(m *testing.M) {
	flag.Parse()
	if !flagSet("test.parallel") {
		// The tests wait on a child process and the network, not on this
		// binary's CPU: the default, one test per CPU, leaves it idle.
		_ = flag.Set("test.parallel", strconv.Itoa(parallel*runtime.GOMAXPROCS(0)))
	}
	os.Exit(buildAndRun(m))
}

// parallel is how many tests run at once per CPU, unless -parallel says.
const parallel = 4

func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "persona-e2e-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	buildDir = dir
	binary = filepath.Join(dir, "persona")
	build := exec.Command("go", "build", "-buildvcs=auto", "-o", binary, "persona") // the version from git where there is one
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// setup varies the world a test starts in.
type setup struct {
	password      bool             // the account has 2FA
	phoneInConfig bool             // telegram.phone is set, so login does not ask for it
	prefix        string           // [bot] prefix, when not the default
	emuNow        func() time.Time // the emulator's clock, when not time.Now
	tooLong       int              // the emulator's gap for updates.differenceTooLong, when not its default
	accountDC     int              // the DC the account lives on, when not the one the client dials first
}

// world is one emulator, one account with contacts, and a config folder.
type world struct {
	daemonBinary      string // the binary startDaemon runs, when not the harness's
	emu               *emulator.Emulator
	me                emulator.User
	alice, bob, eve   emulator.User
	dir, config, pass string
	runs              int      // daemons started so far
	env               []string // extra environment for the daemon, e.g. PERSONA_CLOCK_SKEW
	answered          []int    // commands waitReply saw answered
}

func newWorld(t testing.TB, s setup) *world {
	t.Helper()
	emu, err := emulator.Start(emulator.Options{Now: s.emuNow, DifferenceTooLong: s.tooLong})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	w := &world{emu: emu, dir: t.TempDir()}
	// Registered before any daemon of the world, so run after they stopped.
	t.Cleanup(func() { w.checkOneReplyEach(t) })
	if s.password {
		w.pass = password
	}
	w.me = emu.AddAccount(emulator.AccountSpec{
		UserSpec: emulator.UserSpec{FirstName: "Owner", LastName: "Persona", Phone: phone},
		Code:     loginCode,
		Password: w.pass,
		DC:       s.accountDC,
	})
	w.alice = emu.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice", Phone: alicePhone})
	w.bob = emu.AddUser(emulator.UserSpec{FirstName: "Bob", Username: "bob"})
	w.eve = emu.AddUser(emulator.UserSpec{FirstName: "Eve", Username: "eve"})
	emu.AddContact(w.me.ID, w.alice.ID)
	emu.AddContact(w.me.ID, w.bob.ID)

	server, err := emu.WriteServerConfig(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "[telegram]\napp_id = 4242\napp_hash = %q\n", appHash)
	if s.phoneInConfig {
		fmt.Fprintf(&cfg, "phone = %q\n", phone)
	}
	fmt.Fprintf(&cfg, "\n%s\n[storage]\npath = \"persona.db\"\n", server)
	if s.prefix != "" {
		fmt.Fprintf(&cfg, "\n[bot]\nprefix = %q\n", s.prefix)
	}
	w.config = filepath.Join(w.dir, "config.toml")
	if err := os.WriteFile(w.config, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

// persona runs the binary to completion with the world's config.
func (w *world) persona(t testing.TB, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = w.dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("persona %v did not finish\nstdout: %s\nstderr: %s", args, &out, &errOut)
	}
	code = exitCode(t, err, args)
	return out.String(), errOut.String(), code
}

// exitCode is the exit code of a finished persona run, 0 for none; a run
// that could not be started or waited for fails the test.
func exitCode(t testing.TB, err error, args []string) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case asExitError(err, &ee):
		return ee.ExitCode()
	}
	t.Fatalf("persona %v: %v", args, err)
	return 0
}

func asExitError(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	*target = ee
	return ok
}

// login runs `persona login` with stdin as the typed answers.
func (w *world) login(t testing.TB, stdin string) (stdout, stderr string, code int) {
	t.Helper()
	return w.persona(t, stdin, "login", "-config", w.config)
}

// answers is what a user types at login: phone, code and, with 2FA, password.
func (w *world) answers() string {
	s := phone + "\n" + loginCode + "\n"
	if w.pass != "" {
		s += w.pass + "\n"
	}
	return s
}

// mustLogin logs the account in or fails the test.
func (w *world) mustLogin(t testing.TB) {
	t.Helper()
	out, errOut, code := w.login(t, w.answers())
	if code != 0 || !strings.Contains(out, "logged in as ") {
		t.Fatalf("login: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

// post writes m into Saved Messages as the account, from another app.
func (w *world) post(t testing.TB, m emulator.Message) int {
	t.Helper()
	id, err := w.emu.Post(w.me.ID, m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// waitReply waits for the answer to command id, its one reply that is not
// progress (⏳), and returns it. That no second reply follows is checked
// when the test ends, once its daemons have stopped (checkOneReplyEach).
func (w *world) waitReply(t *testing.T, d *daemon, id int) *tg.Message {
	t.Helper()
	var r []*tg.Message
	eventually(t, func() bool {
		r = w.emu.Replies(w.me.ID, id)
		return len(r) > 0 && !strings.HasPrefix(r[0].Message, "⏳")
	}, func() string { return fmt.Sprintf("no reply to message %d\ndaemon log:\n%s", id, d.log()) })
	if len(r) != 1 {
		t.Fatalf("command %d got %d replies: %v", id, len(r), texts(r))
	}
	checkReplyHeader(t, r[0], id)
	w.answered = append(w.answered, id)
	return r[0]
}

// checkOneReplyEach fails the test unless every command waitReply saw
// answered still has exactly one reply. It runs when the test ends, after
// the daemons were stopped: a second reply cannot come any more.
func (w *world) checkOneReplyEach(t testing.TB) {
	t.Helper()
	for _, id := range w.answered {
		if r := w.emu.Replies(w.me.ID, id); len(r) != 1 {
			t.Errorf("command %d has %d replies after the daemon stopped: %q", id, len(r), texts(r))
		}
	}
}

func checkReplyHeader(t *testing.T, r *tg.Message, id int) {
	t.Helper()
	h, ok := r.ReplyTo.(*tg.MessageReplyHeader)
	if !ok || h.ReplyToMsgID != id {
		t.Fatalf("reply %d: reply_to %+v, want message %d", r.ID, r.ReplyTo, id)
	}
	if !r.Out {
		t.Fatalf("reply %d is not outgoing", r.ID)
	}
}

// unanswered checks that none of ids has a reply. Only a stopped daemon
// cannot answer them any more: stop it first.
func (w *world) unanswered(t *testing.T, ids ...int) {
	t.Helper()
	for _, id := range ids {
		if r := w.emu.Replies(w.me.ID, id); len(r) != 0 {
			t.Errorf("message %d should be ignored, got replies %q", id, texts(r))
		}
	}
}

func texts(ms []*tg.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Message
	}
	return out
}

// uploads returns the decoded uploadContactProfilePhoto requests so far.
func (w *world) uploads(t *testing.T) []*tg.PhotosUploadContactProfilePhotoRequest {
	t.Helper()
	var out []*tg.PhotosUploadContactProfilePhotoRequest
	for _, ev := range w.emu.Calls(uploadMethod) {
		req, ok := ev.Request.(*tg.PhotosUploadContactProfilePhotoRequest)
		if !ok {
			t.Fatalf("%s request is %T", uploadMethod, ev.Request)
		}
		out = append(out, req)
	}
	return out
}

// okUploads counts the uploadContactProfilePhoto calls that succeeded; a
// target that is not a contact may be found out by Telegram's error.
func (w *world) okUploads() int {
	n := 0
	for _, ev := range w.emu.Calls(uploadMethod) {
		if ev.Err == nil {
			n++
		}
	}
	return n
}

// checkUser asserts that the request's user is u with u's access hash.
func checkUser(t *testing.T, req *tg.PhotosUploadContactProfilePhotoRequest, u emulator.User) {
	t.Helper()
	in, ok := req.UserID.(*tg.InputUser)
	if !ok || in.UserID != u.ID || in.AccessHash != u.AccessHash {
		t.Fatalf("user_id %+v, want @%s (id %d, access hash %d)", req.UserID, u.Username, u.ID, u.AccessHash)
	}
}

// photo is a fresh 800×800 JPEG of about 200 kB, and its attachment.
func photo() ([]byte, *emulator.Media) {
	jpeg := emulator.JPEG(800, 800, 200_000)
	return jpeg, emulator.Photo(jpeg)
}

// waitCall waits for a call of method after seq and returns it.
func waitCall(t *testing.T, w *world, seq int, method string, d *daemon) emulator.Event {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	ev, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == method
	})
	if err != nil {
		t.Fatalf("no %s call\ndaemon log:\n%s", method, d.log())
	}
	return ev
}

// waitHeld waits for a call of method that a Delay holds, beyond the held
// ones it had held before (Emulator.Held): the call is then in flight.
func waitHeld(t *testing.T, w *world, method string, held int, d *daemon) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	if err := w.emu.WaitHeld(ctx, method, held); err != nil {
		t.Fatalf("no %s call held\ndaemon log:\n%s", method, d.log())
	}
}
