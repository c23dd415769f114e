// Package sdnotify tells systemd how the daemon is doing: ready, status,
// stopping, and a watchdog that only pings while the daemon is healthy.
// Outside systemd every call is a no-op.
package sdnotify

import (
	"os"
	"strings"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
	"go.uber.org/zap"
)

// Notifier sends sd_notify messages to the socket systemd gave us.
type Notifier struct {
	logger   *zap.Logger
	enabled  bool          // NOTIFY_SOCKET is set
	watchdog time.Duration // WatchdogSec for this process; 0 when off
}

// New reads NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID. The environment is
// left in place: only the main process may notify (NotifyAccess=main), so
// children that inherit it are harmless.
func New(logger *zap.Logger) *Notifier {
	if logger == nil {
		logger = zap.NewNop()
	}
	n := &Notifier{logger: logger.Named("sdnotify"), enabled: os.Getenv("NOTIFY_SOCKET") != ""}
	if !n.enabled {
		return n
	}
	// SdWatchdogEnabled returns 0 when WATCHDOG_PID names another process.
	d, err := daemon.SdWatchdogEnabled(false)
	if err != nil {
		n.logger.Debug("watchdog settings", zap.Error(err))
	}
	n.watchdog = d
	return n
}

// Ready reports that start-up is done; with Type=notify, systemctl start
// returns only now.
func (n *Notifier) Ready(status string) {
	n.send(daemon.SdNotifyReady, status)
}

// Status sets the free-form line systemctl status shows.
func (n *Notifier) Status(status string) {
	n.send("", status)
}

// Stopping reports that shutdown has begun, so systemd does not take the
// time spent finishing the command in flight for a hang.
func (n *Notifier) Stopping() {
	n.send(daemon.SdNotifyStopping, "")
}

func (n *Notifier) send(state, status string) {
	if !n.enabled {
		return
	}
	var lines []string
	if state != "" {
		lines = append(lines, state)
	}
	if status != "" {
		// One message line per variable: a newline would end STATUS early.
		lines = append(lines, "STATUS="+strings.ReplaceAll(status, "\n", " "))
	}
	if len(lines) == 0 {
		return
	}
	msg := strings.Join(lines, "\n")
	if _, err := daemon.SdNotify(false, msg); err != nil {
		n.logger.Debug("notify", zap.String("message", msg), zap.Error(err))
	}
}
