package pageout

import (
	"strings"
	"testing"
)

func TestParseMapping(t *testing.T) {
	for _, tt := range []struct {
		line string
		want mapping
		ok   bool
	}{
		{"00400000-00c52000 r-xp 00000000 08:02 173521 /usr/bin/persona",
			mapping{0x400000, 0xc52000, "r-xp", "/usr/bin/persona"}, true},
		{"7ff3b6400000-7ff3b6428000 r--p 00000000 fd:01 1234 /opt/my apps/persona",
			mapping{0x7ff3b6400000, 0x7ff3b6428000, "r--p", "/opt/my apps/persona"}, true},
		{"01400000-01500000 r-xp 00000000 08:02 173521 /usr/bin/persona (deleted)",
			mapping{0x1400000, 0x1500000, "r-xp", "/usr/bin/persona (deleted)"}, true},
		{"7ffd1e5f0000-7ffd1e611000 rw-p 00000000 00:00 0 [stack]",
			mapping{0x7ffd1e5f0000, 0x7ffd1e611000, "rw-p", "[stack]"}, true},
		{"7f0000000000-7f0000021000 rw-p 00000000 00:00 0", mapping{}, false}, // anonymous: no path
		{"zz-7f0000021000 r--p 00000000 00:00 0 /x", mapping{}, false},
		{"7f0000021000-7f0000000000 r--p 00000000 00:00 0 /x", mapping{}, false}, // ends before it starts
		{"7f0000021000 r--p 00000000 00:00 0 /x", mapping{}, false},
		{"", mapping{}, false},
	} {
		got, ok := parseMapping(tt.line)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseMapping(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseMapping(f *testing.F) {
	f.Add("00400000-00c52000 r-xp 00000000 08:02 173521 /usr/bin/persona")
	f.Add("7ffd1e5f0000-7ffd1e611000 rw-p 00000000 00:00 0 [stack]")
	f.Fuzz(func(t *testing.T, line string) {
		m, ok := parseMapping(line)
		if ok && (m.end <= m.start || m.path == "" || m.perms == "") {
			t.Fatalf("parseMapping(%q) = %+v", line, m)
		}
	})
}

func TestReadOnlyMappingsOf(t *testing.T) {
	maps := strings.Join([]string{
		"00400000-00c52000 r-xp 00000000 08:02 17 /usr/bin/persona",
		"00c52000-01500000 r--p 00852000 08:02 17 /usr/bin/persona",
		"01500000-01530000 rw-p 01100000 08:02 17 /usr/bin/persona",
		"7ff3b6400000-7ff3b6428000 r--p 00000000 fd:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6",
		"7ff3b6428000-7ff3b65bd000 r-xp 00028000 fd:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6",
		"7ffd1e5f0000-7ffd1e611000 rw-p 00000000 00:00 0 [stack]",
	}, "\n")
	got, err := readOnlyMappingsOf(strings.NewReader(maps), "/usr/bin/persona")
	if err != nil {
		t.Fatal(err)
	}
	want := []mapping{{0x400000, 0xc52000, "r-xp", "/usr/bin/persona"}, {0xc52000, 0x1500000, "r--p", "/usr/bin/persona"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestStatusKiB(t *testing.T) {
	status := []byte("Name:\tpersona\nVmRSS:\t   19308 kB\nRssAnon:\t    3140 kB\nRssFile:\t   16168 kB\nThreads:\t9\n")
	for _, tt := range []struct {
		name string
		want int64
		ok   bool
	}{
		{"RssFile", 16168, true},
		{"VmRSS", 19308, true},
		{"Threads", 0, false}, // no unit
		{"RssShmem", 0, false},
	} {
		got, err := StatusKiB(status, tt.name)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("StatusKiB(%s) = %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}

func FuzzStatusKiB(f *testing.F) {
	f.Add([]byte("RssFile:\t   16168 kB\n"))
	f.Add([]byte("RssFile: 12 MB\n"))
	f.Fuzz(func(t *testing.T, status []byte) {
		if n, err := StatusKiB(status, "RssFile"); err != nil && n != 0 {
			t.Fatalf("%d with an error: %v", n, err)
		}
	})
}
