package deploy

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const unitPath = "persona.service"

// unit maps "Section.Key" to its values, in order, as systemd reads them.
type unit map[string][]string

func parseUnit(t *testing.T, path string) unit {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := unit{}
	var section, pending string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := pending + strings.TrimSpace(sc.Text())
		pending = ""
		if rest, ok := strings.CutSuffix(line, `\`); ok {
			pending = rest + " "
			continue
		}
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && line[len(line)-1] == ']':
			section = line[1 : len(line)-1]
		default:
			key, value, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a key=value in a section: %q", path, n, line)
			}
			k := section + "." + strings.TrimSpace(key)
			u[k] = append(u[k], strings.TrimSpace(value))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return u
}

// get returns the effective value: the last assignment wins.
func (u unit) get(key string) (string, bool) {
	v := u[key]
	if len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

func TestUnitRequiredSettings(t *testing.T) {
	u := parseUnit(t, unitPath)
	for _, tt := range []struct{ key, want string }{
		{"Service.Type", "notify"},
		{"Service.NotifyAccess", "main"},
		{"Service.WatchdogSec", "60"},
		{"Service.Restart", "on-failure"},
		{"Service.RestartSec", "5"},
		{"Service.TimeoutStopSec", "30"},
		{"Service.StateDirectory", "persona"},
		{"Service.ConfigurationDirectory", "persona"},
		{"Service.ExecStart", "/usr/local/bin/persona run -config /etc/persona/config.toml"},
		{"Service.ExecReload", "/bin/kill -HUP $MAINPID"},
		{"Service.User", "persona"},
		{"Service.UMask", "0077"},
		{"Service.NoNewPrivileges", "yes"},
		{"Service.ProtectSystem", "strict"},
		{"Service.ProtectHome", "yes"},
		{"Service.PrivateTmp", "yes"},
		{"Service.PrivateDevices", "yes"},
		{"Service.ProtectKernelTunables", "yes"},
		{"Service.ProtectKernelModules", "yes"},
		{"Service.ProtectControlGroups", "yes"},
		{"Service.RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"},
		{"Service.RestrictNamespaces", "yes"},
		{"Service.LockPersonality", "yes"},
		{"Service.MemoryDenyWriteExecute", "yes"},
		{"Service.SystemCallArchitectures", "native"},
		{"Service.SystemCallFilter", "@system-service"},
		{"Service.CapabilityBoundingSet", ""},
		{"Install.WantedBy", "multi-user.target"},
	} {
		got, ok := u.get(tt.key)
		switch {
		case !ok:
			t.Errorf("%s missing", tt.key)
		case got != tt.want:
			t.Errorf("%s=%s, want %s=%s", tt.key, got, tt.key, tt.want)
		}
	}
}

// Restarting cannot fix "not logged in", "session revoked" or a bad config:
// the unit must not restart on the exit codes main.go uses for them.
func TestUnitRestartPreventMatchesMain(t *testing.T) {
	codes := mainExitCodes(t, "exitNotLoggedIn", "exitRevoked", "exitConfig")
	got := strings.Fields(strings.Join(parseUnit(t, unitPath)["Service.RestartPreventExitStatus"], " "))
	for name, code := range codes {
		if !slices.Contains(got, code) {
			t.Errorf("RestartPreventExitStatus=%s lacks %s (%s in main.go)", strings.Join(got, " "), code, name)
		}
	}
}

// mainExitCodes reads the named integer constants from ../main.go.
func mainExitCodes(t *testing.T, names ...string) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../main.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != len(spec.Names) {
			return true
		}
		for i, id := range spec.Names {
			if lit, ok := spec.Values[i].(*ast.BasicLit); ok && lit.Kind == token.INT && slices.Contains(names, id.Name) {
				v, err := strconv.ParseInt(lit.Value, 0, 64)
				if err != nil {
					t.Fatal(err)
				}
				codes[id.Name] = strconv.FormatInt(v, 10)
			}
		}
		return true
	})
	for _, name := range names {
		if _, ok := codes[name]; !ok {
			t.Fatalf("main.go has no integer constant %s", name)
		}
	}
	return codes
}
