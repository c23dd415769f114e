package e2e_test

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"rsc.io/qr"
)

// playground is `persona emulator` running as a child, as a person uses it:
// lines typed into its standard input, what it prints read back.
type playground struct {
	dir     string
	section string // the [telegram.server] section it printed
	typed   io.Writer
	out     *syncBuffer
	cmd     *exec.Cmd
}

// startPlayground runs `persona emulator` on a free loopback port.
func startPlayground(t *testing.T) *playground {
	t.Helper()
	return startPlaygroundAt(t, t.TempDir(), "127.0.0.1:0")
}

// startPlaygroundAt runs `persona emulator -addr addr` in the folder dir.
func startPlaygroundAt(t *testing.T, dir, addr string) *playground {
	t.Helper()
	p := &playground{dir: dir, out: &syncBuffer{}}
	emu := exec.Command(binary, "emulator", "-addr", addr)
	emu.Dir = p.dir
	typed, err := emu.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.typed, p.cmd = typed, emu
	emu.Stdout, emu.Stderr = p.out, p.out
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Process.Kill(); _ = emu.Wait() })
	p.section = waitOutput(t, p.out, regexp.MustCompile(`(?s)\[telegram\.server\].*?public_key = "server.pem"`))
	waitOutput(t, p.out, regexp.MustCompile(`Stop with Ctrl-C`))
	return p
}

// config writes a config for a daemon in its own folder, pointed at the
// playground, and returns its path.
func (p *playground) config(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pem, err := os.ReadFile(filepath.Join(p.dir, "server.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := "[telegram]\napp_id = 4242\napp_hash = \"" + appHash + "\"\n\n" + p.section + "\n\n[storage]\npath = \"persona.db\"\n"
	for name, data := range map[string][]byte{"server.pem": pem, "config.toml": []byte(cfg)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "config.toml")
}

// startDaemon logs in with the phone and code the playground prints, and
// runs a daemon against it.
func (p *playground) startDaemon(t *testing.T) {
	t.Helper()
	config := p.config(t)
	playgroundLogin(t, config)
	runPlaygroundDaemon(t, config)
}

// playgroundLogin logs in with the phone and code the playground prints.
func playgroundLogin(t *testing.T, config string) {
	t.Helper()
	login := exec.Command(binary, "login", "-config", config)
	login.Stdin = strings.NewReader("+15550000001\n12345\n")
	if b, err := login.CombinedOutput(); err != nil || !strings.Contains(string(b), "logged in as Dana") {
		t.Fatalf("login against the playground: %v\n%s", err, b)
	}
}

// runPlaygroundDaemon runs a daemon with config until it is Ready, and
// returns what stops it.
func runPlaygroundDaemon(t *testing.T, config string) (stop func()) {
	t.Helper()
	daemon := exec.Command(binary, "run", "-config", config)
	log := &syncBuffer{}
	daemon.Stderr = log
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = daemon.Wait(); close(exited) }()
	t.Cleanup(func() { _ = daemon.Process.Kill(); <-exited })
	eventually(t, func() bool {
		select {
		case <-exited:
			t.Fatalf("the daemon exited %v before it was ready:\n%s", daemon.ProcessState, log)
		default:
		}
		return strings.Contains(log.String(), `"msg":"Ready"`)
	}, func() string { return "the daemon is not ready:\n" + log.String() })
	return func() { _ = daemon.Process.Signal(syscall.SIGTERM); <-exited }
}

// post types a line and returns the message id the playground says it
// posted.
func (p *playground) post(t *testing.T, line string) int {
	t.Helper()
	from := len(p.out.String())
	p.typeLine(t, line)
	re := regexp.MustCompile(`#(\d+) posted\n|not posted: .*\n`)
	m := re.FindStringSubmatch(waitOutputFrom(t, p.out, from, re))
	if m[1] == "" {
		t.Fatalf("%q: %s", line, m[0])
	}
	id, _ := strconv.Atoi(m[1])
	return id
}

func (p *playground) typeLine(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(p.typed, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

// answer waits for Persona's final answer to message id, as the playground
// prints it, and returns its id and text (continuation lines unindented).
func (p *playground) answer(t *testing.T, id int) (int, string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^#(\d+) reply to #` + strconv.Itoa(id) + `(?:, edited)? › ([✅❌].*(?:\n {8,}.*)*)`)
	m := re.FindStringSubmatch(waitOutput(t, p.out, re))
	n, _ := strconv.Atoi(m[1])
	return n, regexp.MustCompile(`\n +`).ReplaceAllString(m[2], "\n")
}

// command posts a line and returns Persona's answer to it.
func (p *playground) command(t *testing.T, line string) string {
	t.Helper()
	_, text := p.answer(t, p.post(t, line))
	return text
}

// TestPlayground drives every kind of line `persona emulator` takes, with a
// daemon pointed at it, and reads Persona's answers where a person would:
// in what the playground prints.
func TestPlayground(t *testing.T) {
	t.Parallel()
	p := startPlayground(t)
	p.startDaemon(t)

	t.Run("message ids", func(t *testing.T) {
		first, second := p.post(t, "photo /setphoto @alice"), p.post(t, "/setphto @bob")
		if second <= first {
			t.Fatalf("posted #%d, then #%d", first, second)
		}
		wantHasPrefix(t, p.answerText(t, first), "✅ @alice: personal photo set")
		wantHasPrefix(t, p.answerText(t, second), "❌ unknown command /setphto — did you mean /setphoto?")
	})
	t.Run("non-contact", func(t *testing.T) {
		if !regexp.MustCompile(`@eve +Eve .*not a contact`).MatchString(p.out.String()) {
			t.Fatalf("the banner names no one who is not a contact:\n%s", p.out)
		}
		wantHasPrefix(t, p.command(t, "photo /setphoto @eve"), "❌ @eve is not in your contacts")
	})
	t.Run("phone and id targets from the banner", func(t *testing.T) {
		alice := regexp.MustCompile(`@alice +Alice +(\+\d+) +id (\d+)`).FindStringSubmatch(p.out.String())
		bob := regexp.MustCompile(`@bob +Bob +(\+\d+) +id (\d+)`).FindStringSubmatch(p.out.String())
		if alice == nil || bob == nil {
			t.Fatalf("the banner shows no phones and ids of the contacts:\n%s", p.out)
		}
		id := p.post(t, "photo /setphoto "+alice[1]+" "+bob[2])
		wantHasPrefix(t, p.answerText(t, id), "✅")
		for _, target := range []string{alice[2], bob[1]} { // each by the other form
			wantContains(t, p.command(t, "/history "+target), "now: photo from message "+strconv.Itoa(id)+",")
		}
	})
	t.Run("reply by id", func(t *testing.T) {
		photo := p.post(t, "photo")
		wantHasPrefix(t, p.command(t, "reply "+strconv.Itoa(photo)+" /setphoto @alice"), "✅ @alice: personal photo set")
		wantContains(t, p.command(t, "/history @alice"), "now: photo from message "+strconv.Itoa(photo)+",")
	})
	t.Run("reply quoting a history line", func(t *testing.T) {
		video := p.post(t, "video /setphoto @bob frame=2")
		wantHasPrefix(t, p.answerText(t, video), "✅")
		wantHasPrefix(t, p.command(t, "photo /setphoto @bob"), "✅")
		history, _ := p.answer(t, p.post(t, "/history @bob"))
		quote := "1: video from message " + strconv.Itoa(video)
		wantHasPrefix(t, p.command(t, "reply "+strconv.Itoa(history)+` "`+quote+`" /setphoto @alice`), "✅")
		wantContains(t, p.command(t, "/history @alice"), "now: video from message "+strconv.Itoa(video)+" (frame=2)")
	})
	media := []struct {
		name, post, set, kind string // set "" : the posted line is the command
	}{
		{"sticker", "sticker", "/setphoto @bob", "sticker"},
		{"animated sticker", "sticker animated", "/setphoto @bob bg=#112233", "sticker"},
		{"video sticker", "sticker video", "/suggest @bob", "sticker"},
		{"image file", "png /setphoto @alice", "", "photo"},
		{"jpeg file", "jpeg /setphoto @alice", "", "photo"},
		{"custom emoji", "emoji /setphoto @bob bg=#abcdef", "", "emoji"},
		{"gif", "gif /setphoto @alice frame=1", "", "video"},
		{"round video", "round /setphoto @alice", "", "video"},
	}
	for _, tt := range media {
		t.Run(tt.name, func(t *testing.T) {
			id := p.post(t, tt.post)
			cmd := id
			if tt.set != "" {
				cmd = p.post(t, "reply "+strconv.Itoa(id)+" "+tt.set)
			}
			wantHasPrefix(t, p.answerText(t, cmd), "✅")
			if strings.HasPrefix(tt.set, "/suggest") {
				return
			}
			target := regexp.MustCompile(`@\w+`).FindString(tt.post + tt.set)
			wantContains(t, p.command(t, "/history "+target), "now: "+tt.kind+" from message "+strconv.Itoa(id))
		})
	}
	t.Run("forwards and edits are not commands", func(t *testing.T) {
		forward := p.post(t, "forward /setphoto @alice")
		p.typeLine(t, "edit "+strconv.Itoa(forward)+" /reset @alice")
		waitOutput(t, p.out, regexp.MustCompile(`#`+strconv.Itoa(forward)+` edited\n`))
		status := p.post(t, "/status") // answered after anything written before it
		wantHasPrefix(t, p.answerText(t, status), "✅")
		if m := regexp.MustCompile(`reply to #` + strconv.Itoa(forward) + `\b`).FindString(p.out.String()); m != "" {
			t.Fatalf("a forwarded, then edited, message was answered:\n%s", p.out)
		}
	})
	t.Run("vcf import", func(t *testing.T) {
		// replace=yes: the subtests before set photos for both.
		wantHasPrefix(t, p.command(t, "vcf /import replace=yes"), "✅ 4 cards: 2 photos set, 2 no Telegram contact")
		wantContains(t, p.command(t, "/history @bob"), "now: photo from vCard contacts.vcf, card 2,")
	})
	t.Run("help", func(t *testing.T) {
		from := len(p.out.String())
		p.typeLine(t, "help")
		waitOutputFrom(t, p.out, from, regexp.MustCompile(`(?s)reply 42 /setphoto @alice.*qr .*help`))
	})
}

// TestPlaygroundQRLogin: `persona login -qr` against the playground draws
// a code, and the playground's "qr" line approves that very code, as the
// phone would when it scans it.
func TestPlaygroundQRLogin(t *testing.T) {
	t.Parallel()
	p := startPlayground(t)
	config := p.config(t)
	var out syncBuffer
	login := exec.Command(binary, "login", "-qr", "-config", config)
	login.Dir, login.Stdin, login.Stdout, login.Stderr = filepath.Dir(config), strings.NewReader(""), &out, &out
	if err := login.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- login.Wait() }()
	t.Cleanup(func() { _ = login.Process.Kill() })
	waitOutput(t, &out, regexp.MustCompile(`Scan this`))

	from := len(p.out.String())
	p.typeLine(t, "qr")
	re := regexp.MustCompile(`approved the QR login (tg://login\?token=\S+) for Dana\n`)
	url := re.FindStringSubmatch(waitOutputFrom(t, p.out, from, re))[1]
	code, err := qr.Encode(url, qr.L)
	if err != nil {
		t.Fatal(err)
	}
	if !drawn(out.String(), code) {
		t.Errorf("the playground approved %s, not the code login -qr shows:\n%s", url, &out)
	}
	if err := <-exited; err != nil || !strings.Contains(out.String(), "logged in as Dana") {
		t.Fatalf("login -qr: %v, want logged in as Dana\n%s", err, &out)
	}
}

func (p *playground) answerText(t *testing.T, id int) string {
	t.Helper()
	_, text := p.answer(t, id)
	return text
}

func wantHasPrefix(t *testing.T, s, prefix string) {
	t.Helper()
	if !strings.HasPrefix(s, prefix) {
		t.Fatalf("answer %q, want it to begin %q", s, prefix)
	}
}

func wantContains(t *testing.T, s, part string) {
	t.Helper()
	if !strings.Contains(s, part) {
		t.Fatalf("answer %q, want it to say %q", s, part)
	}
}

// waitOutput waits for re to match what w has written, and returns the
// match.
func waitOutput(t *testing.T, w *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	return waitOutputFrom(t, w, 0, re)
}

// waitOutputFrom is waitOutput on what w wrote after its first from bytes.
func waitOutputFrom(t *testing.T, w *syncBuffer, from int, re *regexp.Regexp) string {
	t.Helper()
	var m string
	eventually(t, func() bool {
		m = re.FindString(w.String()[from:])
		return m != ""
	}, func() string { return fmt.Sprintf("no %q in:\n%s", re, w.String()) })
	return m
}
