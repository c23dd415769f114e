package deploy

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnitVerifies runs `systemd-analyze verify` on the unit and fails on any
// output at all: systemd reports unknown keys and bad values as warnings and
// still exits 0.
func TestUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed (Debian package systemd); .ci/run installs it")
	}
	path := filepath.Join(t.TempDir(), unitPath) // verify wants the real unit name
	if err := os.WriteFile(path, []byte(withRunnablePrograms(t, unitPath)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(analyze, "verify", path)
	cmd.Env = append(os.Environ(), "SYSTEMD_PAGER=", "SYSTEMD_COLORS=0") // plain text for the failure message
	out, err := cmd.CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// withRunnablePrograms returns the unit's text with every Exec*= program
// that is missing on this machine (/usr/local/bin/persona, usually) replaced
// by an existing one, since verify rejects a unit whose programs are absent.
func withRunnablePrograms(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stand, err := exec.LookPath("true")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		key, cmdline, ok := strings.Cut(line, "=")
		if fields := strings.Fields(cmdline); ok && strings.HasPrefix(key, "Exec") && len(fields) > 0 {
			prog := strings.TrimLeft(fields[0], "-@:+!") // systemd's prefixes
			if _, err := os.Stat(prog); err != nil {
				t.Logf("%s: %s is not here; verifying with %s", key, prog, stand)
				line = key + "=" + strings.Replace(cmdline, prog, stand, 1)
			}
		}
		out.WriteString(line + "\n")
	}
	return out.String()
}
