package e2e_test

import (
	"crypto/rand"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/crypto"
	"golang.org/x/sys/unix"
)

const (
	cpuJobs = 4 // 5 MB PNG files per sample: 20 MB, so the 10 ms ticks of /proc/PID/stat are small
	// clockTicks is USER_HZ, the unit of utime and stime in /proc/PID/stat:
	// 100 on every Linux Go supports.
	clockTicks = 100
	cryptoPart = 512 << 10 // one file part, as the daemon moves it
)

// BenchmarkCPUPerMiB: the daemon's CPU time (user and system, all its
// threads) per MiB of file copied, on loopback, next to MTProto's own
// cryptography for the same bytes measured in the same run: gotd's Cipher
// encrypting each part as the daemon's upload does and decrypting it as
// its download does (AES-IGE both ways and SHA-256 of the message both
// ways). x-crypto is their ratio: what the daemon spends beyond that floor.
func BenchmarkCPUPerMiB(b *testing.B) {
	bn := newBench(b, b)
	file := pngFile(pngBytes)
	bn.run(setphoto(file.variant(-1))) // warms the buffers, off the clock
	bn.pause()
	var daemon, floor, ratio []float64
	for i := 0; b.Loop(); i++ {
		before := bn.cpuTime()
		for k := range cpuJobs {
			bn.run(setphoto(file.variant(i*cpuJobs + k)))
		}
		used := bn.cpuTime() - before
		mib := float64(cpuJobs*pngBytes) / (1 << 20)
		perMiB := float64(used) / float64(time.Millisecond) / mib
		c := cryptoPerMiB(b, cpuJobs*pngBytes)
		daemon, floor, ratio = append(daemon, perMiB), append(floor, c), append(ratio, perMiB/c)
		bn.pause()
	}
	report(b, ratio, "x-crypto")
	if len(daemon) > 0 {
		b.ReportMetric(median(daemon), "cpu-ms/MiB")
		b.ReportMetric(median(floor), "crypto-ms/MiB")
	}
}

// cpuTime is the daemon's utime+stime so far (proc(5)).
func (bn *bench) cpuTime() time.Duration {
	bn.b.Helper()
	path := fmt.Sprintf("/proc/%d/stat", bn.d.cmd.Process.Pid)
	data, err := os.ReadFile(path)
	if err != nil {
		bn.b.Skipf("no process CPU time to read: %v", err)
	}
	// The command name in parentheses may hold spaces; fields count after it.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		bn.b.Fatalf("%s: too short: %q", path, s)
	}
	var ticks int64
	for _, v := range f[11:13] { // utime and stime, fields 14 and 15
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			bn.b.Fatalf("%s: %v", path, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// cryptoPerMiB times gotd's MTProto cipher over size bytes in parts, as a
// part makes its way through the daemon: decrypted once when downloaded,
// encrypted once when uploaded. It counts the CPU time of its thread, as the
// daemon's is counted: wall time would also count the other processes of a
// busy machine, and flatter the daemon's ratio.
func cryptoPerMiB(b *testing.B, size int) float64 {
	b.Helper()
	var key crypto.Key
	if _, err := rand.Read(key[:]); err != nil {
		b.Fatal(err)
	}
	auth := key.WithID()
	client, server := crypto.NewClientCipher(rand.Reader), crypto.NewServerCipher(rand.Reader)
	part := make([]byte, cryptoPart)
	var buf bin.Buffer
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU(b)
	for done := 0; done < size; done += cryptoPart {
		msg := crypto.EncryptedMessageData{MessageDataLen: int32(len(part)), MessageDataWithPadding: part}
		if err := client.Encrypt(auth, msg, &buf); err != nil {
			b.Fatal(err)
		}
		if _, err := server.DecryptFromBuffer(auth, &buf); err != nil {
			b.Fatal(err)
		}
	}
	return float64(threadCPU(b)-start) / float64(time.Millisecond) / (float64(size) / (1 << 20))
}

// threadCPU is the CPU time of the calling OS thread so far.
func threadCPU(b *testing.B) time.Duration {
	b.Helper()
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		b.Skipf("no thread CPU time to read: %v", err)
	}
	return time.Duration(ts.Nano())
}
