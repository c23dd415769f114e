package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/go-faster/errors"
)

// verb is one command's usage: `persona <name> -h` prints it.
type verb struct {
	name, args, about string
}

var (
	verbInit = verb{"init", "[-config FILE] [-force]",
		"Asks for app_id and app_hash (from https://my.telegram.org) and optionally the phone,\n" +
			"writes the config file with mode 0600, then offers to log in.\n" +
			"When standard input is not a terminal it reads one answer per line:\n" +
			"app_id, app_hash, phone (may be empty), then yes, no or qr."}
	verbLogin = verb{"login", "[-config FILE] [-qr] [-new-database]",
		"Signs the account in and stores the session in the database. When standard input\n" +
			"is not a terminal it reads the phone, the code and the 2FA password one per line.\n" +
			"A database that holds another account's records is left as it was (exit 78)\n" +
			"unless -new-database moves it aside."}
	verbRun = verb{"run", "[-config FILE]",
		"Runs the daemon until SIGINT or SIGTERM."}
	verbBackup = verb{"backup", "FILE [-config FILE]",
		"Writes a consistent copy of the database to FILE (mode 0600), also while\n" +
			"\"persona run\" holds the database. Restore by stopping persona and copying FILE\n" +
			"over storage.path."}
	verbLogout = verb{"logout", "[-config FILE]",
		"Logs the session out at Telegram (auth.logOut) and clears it from the database;\n" +
			"the records stay. Stop \"persona run\" first."}
	verbDemo = verb{"demo", "",
		"Plays a scripted session against the embedded emulator: no account, no network."}
	verbEmulator = verb{"emulator", "[-addr HOST:PORT]",
		"Runs the embedded Telegram emulator on loopback and prints a config whose\n" +
			"[telegram.server] section points a daemon at it. Its people keep their ids and\n" +
			"your login in emulator-state.json in the working folder, from one start to the next."}
	verbVersion = verb{"version", "", "Prints the version."}
)

// synopsis is the verb's one usage line.
func (v verb) synopsis() string {
	return strings.TrimRight("usage: persona "+v.name+" "+v.args, " ") + "\n"
}

// flags is an empty flag set for the verb that prints nothing itself:
// parse says what went wrong, once.
func (v verb) flags() *flag.FlagSet {
	fs := flag.NewFlagSet("persona "+v.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// printUsage is the synopsis, what the verb does and its flags.
func (v verb) printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "%s\n%s\n", v.synopsis(), v.about)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// errHelpShown: the verb's usage was asked for and printed; exit 0.
var errHelpShown = errors.New("help shown")

// usageError is a command line the verb does not understand: exit 64.
type usageError struct {
	verb verb
	err  error
}

func (e *usageError) Error() string { return e.err.Error() }

// isHelp: -h, -help or help, in the first place after the verb.
func isHelp(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// parse parses the verb's flags; it takes no other arguments.
func parse(v verb, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	if err := parseFlags(v, fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{v, errors.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// parseWithFile parses the verb's flags around one FILE argument, which
// may come first (`backup FILE -config X`) or last.
func parseWithFile(v verb, fs *flag.FlagSet, args []string, stdout io.Writer) (string, error) {
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && !isHelp(args) {
		file, args = args[0], args[1:]
	}
	if err := parseFlags(v, fs, args, stdout); err != nil {
		return "", err
	}
	rest := fs.Args()
	if file == "" && len(rest) > 0 {
		file, rest = rest[0], rest[1:]
	}
	switch {
	case file == "":
		return "", &usageError{v, errors.New("which file? name the copy to write")}
	case len(rest) > 0:
		return "", &usageError{v, errors.Errorf("unexpected argument %q", rest[0])}
	}
	return file, nil
}

func parseFlags(v verb, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	if isHelp(args) {
		v.printUsage(fs, stdout)
		return errHelpShown
	}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		v.printUsage(fs, stdout)
		return errHelpShown
	}
	if err != nil {
		return &usageError{v, err}
	}
	return nil
}

// noFlags is the parse of a verb that takes nothing.
func noFlags(v verb, args []string, stdout io.Writer) error {
	return parse(v, v.flags(), args, stdout)
}

// configFlag adds -config, defaulting to $PERSONA_CONFIG or config.toml.
func configFlag(fs *flag.FlagSet, path *string) {
	fs.StringVar(path, "config", "", "config `FILE` (default $PERSONA_CONFIG, else config.toml)")
}
