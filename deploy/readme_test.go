package deploy

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"persona/config"
	"persona/emulator"
)

const readmePath = "README.md"

// codeBlocks returns the fenced blocks of the README with the given info
// string, in order.
func codeBlocks(t *testing.T, lang string) []string {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	var cur *strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && line == "```"+lang:
			cur = &strings.Builder{}
		case cur != nil && line == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	if len(blocks) == 0 {
		t.Fatalf("%s has no ```%s block", readmePath, lang)
	}
	return blocks
}

// minimalDebian is what the steps may call: programs of Debian's essential
// and required packages, plus what the README names as extra (go, the
// editor, systemctl). sudo is not among them.
var minimalDebian = []string{"go", "useradd", "install", `"${EDITOR:-vi}"`, "runuser", "systemctl"}

// TestReadmeCommands: the shell steps parse, and call only programs a root
// shell on a minimal Debian has. This proves nothing about what they do;
// TestReadmeInstall runs them.
func TestReadmeCommands(t *testing.T) {
	script := strings.Join(codeBlocks(t, "sh"), "")
	if bash, err := exec.LookPath("bash"); err == nil {
		if out, err := exec.Command(bash, "-n", "-c", script).CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v\n%s", err, out)
		}
	} else {
		t.Log("bash not installed: syntax not checked")
	}
	for _, line := range strings.Split(script, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if !slices.Contains(minimalDebian, fields[0]) {
			t.Errorf("%q calls %s, which a minimal Debian's root shell may lack", line, fields[0])
		}
	}
}

// The absolute paths the steps touch, and the only ones: each is moved
// under the test's stand-in for /.
var (
	systemPaths = []string{"/usr/local/bin", "/etc/persona", "/var/lib/persona", "/etc/systemd/system"}
	absPath     = regexp.MustCompile(`(^|[\s=])(/[^\s;|&)]*)`)
)

// shims stand in for what needs root or systemd. Each logs its arguments,
// one call a line, to $SHIM_LOG.
var shims = map[string]string{
	"useradd":   `echo "useradd $*" >>"$SHIM_LOG"`,
	"systemctl": `echo "systemctl $*" >>"$SHIM_LOG"`,
	// Owners cannot be set without root: log them, drop them, install.
	"install": `echo "install $*" >>"$SHIM_LOG"
args=()
while [ $# -gt 0 ]; do
	case "$1" in -o|-g) shift 2 ;; *) args+=("$1"); shift ;; esac
done
exec "$REAL_INSTALL" "${args[@]}"`,
	// Switching users needs root: check the switch, run the command as is.
	"runuser": `echo "runuser $*" >>"$SHIM_LOG"
[ "$1" = -u ] && [ "$2" = persona ] && [ "$3" = -- ] || { echo "runuser: unexpected $*" >&2; exit 1; }
shift 3
exec "$@"`,
	// The editor: the test's config replaces the example, mode kept.
	"editor": `cat "$TEST_CONFIG" >"$1"`,
}

// TestReadmeInstall runs the install steps of README.md as written, with
// the system folders moved under a temporary root and the calls that need
// root or systemd stubbed (see shims). It builds the binary, installs the
// config and the unit, and logs in for real against the emulator.
func TestReadmeInstall(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	realInstall, err := exec.LookPath("install")
	if err != nil {
		t.Skip("install (coreutils) not installed")
	}
	root := t.TempDir()
	script := sandboxed(t, strings.Join(codeBlocks(t, "sh"), ""), root)
	// What any systemd machine has already.
	for _, dir := range []string{"etc/systemd/system", "usr/local/bin"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	bin := filepath.Join(root, "shims")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range shims {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!"+bash+"\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	const phone, code = "+15550001111", "24680"
	emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Ops", Phone: phone}, Code: code})
	testConfig := writeTestConfig(t, root, emu)

	shimLog := filepath.Join(root, "shim.log")
	cmd := exec.Command(bash, "-euo", "pipefail", "-c", script)
	cmd.Dir = ".." // "from the repository root"
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PERSONA_") && !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "EDITOR=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"EDITOR="+filepath.Join(bin, "editor"), "SHIM_LOG="+shimLog, "REAL_INSTALL="+realInstall, "TEST_CONFIG="+testConfig)
	cmd.Stdin = strings.NewReader(phone + "\n" + code + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's steps failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "logged in as Ops") {
		t.Errorf("login did not log in:\n%s", out)
	}

	for _, f := range []struct {
		path string
		mode os.FileMode
	}{
		{"usr/local/bin/persona", 0o755},
		{"etc/persona", 0o755 | os.ModeDir},
		{"etc/persona/config.toml", 0o640},
		{"var/lib/persona", 0o700 | os.ModeDir},
		{"var/lib/persona/persona.db", 0o600},
		{"var/lib/persona/persona-backup.db", 0o600}, // the backup step
		{"etc/systemd/system/persona.service", 0o644},
	} {
		st, err := os.Stat(filepath.Join(root, f.path))
		switch {
		case err != nil:
			t.Errorf("/%s: %v", f.path, err)
		case st.Mode()&(os.ModeDir|os.ModePerm) != f.mode:
			t.Errorf("/%s has mode %v, want %v", f.path, st.Mode(), f.mode)
		}
	}
	unit, _ := os.ReadFile(filepath.Join(root, "etc/systemd/system/persona.service"))
	if want, _ := os.ReadFile(unitPath); !bytes.Equal(unit, want) {
		t.Error("the installed unit differs from persona.service")
	}

	calls, err := os.ReadFile(shimLog)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"useradd --system --home-dir " + root + "/var/lib/persona --shell /usr/sbin/nologin persona",
		"install -m 0640 -g persona config.example.toml " + root + "/etc/persona/config.toml",
		"install -d -o persona -g persona -m 0700 " + root + "/var/lib/persona",
		"runuser -u persona -- " + root + "/usr/local/bin/persona login -config " + root + "/etc/persona/config.toml",
		"systemctl daemon-reload",
		"systemctl enable --now persona",
		"runuser -u persona -- " + root + "/usr/local/bin/persona backup " + root + "/var/lib/persona/persona-backup.db -config " + root + "/etc/persona/config.toml",
		"systemctl restart persona",
	} {
		if !strings.Contains(string(calls), want+"\n") {
			t.Errorf("no call %q among:\n%s", want, calls)
		}
	}
}

// sandboxed moves the system paths of script under root, and fails on any
// other absolute path but /usr/sbin/nologin (an argument to useradd).
func sandboxed(t *testing.T, script, root string) string {
	t.Helper()
	for _, p := range systemPaths {
		script = strings.ReplaceAll(script, p, root+p)
	}
	for _, m := range absPath.FindAllStringSubmatch(script, -1) {
		if p := m[2]; !strings.HasPrefix(p, root+"/") && p != "/usr/sbin/nologin" {
			t.Fatalf("the steps use %s, which the test cannot redirect", p)
		}
	}
	return script
}

// writeTestConfig is what the user types into the editor: the README's toml
// block with the database path moved under root, the credentials, and the
// emulator in place of Telegram. It must load before it is used.
func writeTestConfig(t *testing.T, root string, emu *emulator.Emulator) string {
	t.Helper()
	pem := filepath.Join(root, "server.pem")
	if err := os.WriteFile(pem, emu.PublicKeyPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	blocks := codeBlocks(t, "toml")
	readme := strings.ReplaceAll(blocks[0], "/var/lib/persona", root+"/var/lib/persona")
	text := "[telegram]\napp_id = 4242\napp_hash = \"deployTestHash0123456789abcdef01\"\n\n" +
		emu.ServerConfig(pem) + "\n" + readme
	path := filepath.Join(root, "test-config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvAppID, "")
	t.Setenv(config.EnvAppHash, "")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the README's [storage]/[log] with credentials and the emulator do not load: %v", err)
	}
	if want := filepath.Join(root, "var/lib/persona/persona.db"); cfg.Storage.Path != want {
		t.Fatalf("storage.path = %s, want %s", cfg.Storage.Path, want)
	}
	return path
}
