package command

import "slices"

// TargetRule says how many targets a command takes.
type TargetRule int

const (
	None TargetRule = iota + 1 // no targets (/help's optional word is its topic, not a target)
	One                        // exactly one
	Many                       // 1 to MaxTargets
)

// Spec describes one command. Usage, Example and Details are written with "/"
// and rendered with the configured prefix by HelpText and HelpTopic.
type Spec struct {
	Name    string
	Usage   string
	Summary string   // one line, lowercase, no final period: it follows the usage after a dash
	Example string   // parses without error
	Details string   // the paragraph of /help NAME
	Options []string // the option keys it accepts: a subset of frame, bg, for, suggest, add, photo
	Targets TargetRule
	// Examples are what /help NAME shows after the details: each parses
	// without error, and its note says where it is written and what it does.
	Examples []Example
}

// Example is one command line of /help NAME and what it does.
type Example struct {
	Text string // parses without error
	Note string // lowercase, no final period
}

func (s Spec) accepts(key string) bool { return slices.Contains(s.Options, key) }

// takesMedia marks the commands for which a bare emoji in the text is the
// media (a custom emoji) rather than a mistyped target.
func (s Spec) takesMedia() bool { return s.accepts("bg") }

const mediaSources = "The media comes from the command message itself or, if it has none, from the message it replies to: " +
	"a photo, an image sent as a file (JPEG, PNG or WebP), an MP4 video, GIF or round video (square, 160 to 1280 px a side, " +
	"at most 10 s and 2 MB), a sticker, or a custom emoji typed in the command. Photos and images may be up to 10 MB. "

// addOption explains add=yes, which /setphoto, /hide and /keep share:
// Telegram keeps personal photos for contacts only (CONTACT_MISSING).
const addOption = "add=yes first adds a target who is not in your contacts, under their Telegram name and " +
	"without sharing your phone number; without it such a target is refused."

const mediaOptions = "frame=SECONDS picks the moment of a video or GIF shown as the cover, from 0 to 10 seconds, e.g. frame=2.5. " +
	"bg=#RRGGBB sets the background behind a sticker or custom emoji; give 1 to 4 colours separated by commas " +
	"for a gradient, e.g. bg=#112233,#445566; without bg= it is blue, #3E8EDE."

// specs is the catalogue in the order of INTERFACE.md, which is also the order of /help.
var specs = []Spec{
	{
		Name:    "setphoto",
		Usage:   "/setphoto TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]] [for=DURATION] [suggest=yes] [add=yes]",
		Summary: "sets a personal photo for each target, one that only you see",
		Example: "/setphoto @alice for=7d",
		Details: "Sets a personal photo for each target: your Telegram shows it instead of the photo they chose, " +
			"and nobody else sees it. " + mediaSources + mediaOptions + " " +
			"for=DURATION undoes it when the time is up; write it in d, h and m, alone or combined " +
			"(30m, 12h, 7d, 1d12h), up to 366d. suggest=yes also suggests the same media to each target " +
			"as their own profile photo, as /suggest does. " + addOption + " " +
			"Replying to the answer of /history while quoting one of its lines sets that photo again.",
		Options: []string{"frame", "bg", "for", "suggest", "add"},
		Targets: Many,
		Examples: []Example{
			{"/setphoto @alice @bob", "as the caption of a photo, or replying to one: both get it"},
			{"/setphoto @alice frame=2.5", "replying to a video or GIF: its frame at 2.5 s is the still cover"},
			{"/setphoto @alice bg=#112233,#445566", "replying to a sticker: the sticker on a two-colour gradient"},
			{"/setphoto @alice 🙂", "with a custom emoji typed in: the emoji on blue"},
			{"/setphoto @alice for=12h", "for 12 hours, then back to the photo before"},
			{"/setphoto @bob suggest=yes", "also suggests it to @bob as his own photo"},
			{"/setphoto @eve add=yes", "adds @eve, not yet a contact, to your contacts first"},
			{"/setphoto @alice", "replying to the answer of /history, quoting one line: that photo again"},
		},
	},
	{
		Name:    "suggest",
		Usage:   "/suggest TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]]",
		Summary: "suggests the media to each target as their own profile photo",
		Example: "/suggest @alice",
		Details: "Suggests the media to each target as their own profile photo: they get a message in your chat " +
			"with them and can accept it. Your own view of them does not change. " + mediaSources + mediaOptions,
		Options: []string{"frame", "bg"},
		Targets: Many,
		Examples: []Example{
			{"/suggest @alice", "replying to a photo"},
			{"/suggest @alice @bob frame=1", "as the caption of a video: its frame at 1 s is the still cover"},
		},
	},
	{
		Name:    "reset",
		Usage:   "/reset TARGET...",
		Summary: "removes the personal photo of each target",
		Example: "/reset @alice +15550001111",
		Details: "Removes the personal photo that was set for each target, so you see the photo they chose " +
			"themselves again.",
		Targets: Many,
	},
	{
		Name:    "undo",
		Usage:   "/undo TARGET...",
		Summary: "goes back to the previous personal photo of each target",
		Example: "/undo @alice",
		Details: "Goes back to the personal photo each target had before the last one was set, uploaded again " +
			"from the message it came from with the same frame= or bg=, or removes the personal photo if there " +
			"was none before. Each /undo goes one step further back. /history shows what came before.",
		Targets: Many,
	},
	{
		Name:    "hide",
		Usage:   "/hide TARGET... [add=yes]",
		Summary: "hides each target's own pictures from you behind their initials on a plain colour",
		Example: "/hide @alice",
		Details: "Sets a generated picture as the personal photo of each target: their initials in white on the " +
			"colour Telegram gives them when they have no photo, or a plain silhouette when their name has no letters " +
			"to draw. You no longer see the photos they choose themselves; /reset or /undo brings theirs back. " +
			addOption,
		Options: []string{"add"},
		Targets: Many,
		Examples: []Example{
			{"/hide @alice @bob", "both show their initials instead of their photos"},
			{"/hide @eve add=yes", "adds @eve to your contacts first"},
		},
	},
	{
		Name:    "keep",
		Usage:   "/keep TARGET... [photo=N] [add=yes]",
		Summary: "keeps a contact's own profile photo as their personal photo, whatever they set later",
		Example: "/keep @alice",
		Details: "Copies each target's own current profile photo into their personal photo, so you keep seeing it " +
			"whatever they set later. photo=N takes the N-th photo of their list instead, 1 being the current one " +
			"and 2 the one before, e.g. photo=3. A video photo stays a video, with its cover frame. " + addOption,
		Options: []string{"photo", "add"},
		Targets: Many,
		Examples: []Example{
			{"/keep @alice", "her current photo stays, even after she changes it"},
			{"/keep @alice photo=2", "her photo before the current one"},
		},
	},
	{
		Name:    "history",
		Usage:   "/history TARGET",
		Summary: "lists the personal photos set for one target, newest first",
		Example: "/history @alice",
		Details: "Lists the personal photos that were set for the target, newest first: what media, from which " +
			"message, with which frame= or bg=, and when. To set one again, for this contact or another, reply to " +
			"the answer with /setphoto quoting that photo's line (select it, then Reply).",
		Targets: One,
	},
	{
		Name:    "list",
		Usage:   "/list",
		Summary: "lists the contacts with a personal photo",
		Example: "/list",
		Details: "Lists the contacts with a personal photo set: when it was set, from what media, any timer " +
			"from for=, and whether Telegram still shows it (it may have been changed from another app).",
		Targets: None,
	},
	{
		Name:    "help",
		Usage:   "/help [COMMAND]",
		Summary: "lists the commands, or explains one",
		Example: "/help setphoto",
		Details: "Without a command, lists every command with one example. With one, as in /help setphoto " +
			"or /help /setphoto, explains it fully.",
		Targets: None,
	},
	{
		Name:    "status",
		Usage:   "/status",
		Summary: "shows the account, uptime, version, number of records and the last error",
		Example: "/status",
		Details: "Shows the account Persona runs as, how long it has been running, its version, how many " +
			"photo records it keeps, and the last error it ran into.",
		Targets: None,
	},
}

// Specs returns the catalogue in /help order. The slice is a copy, so callers
// cannot change what Parse accepts.
func Specs() []Spec {
	out := make([]Spec, len(specs))
	for i, s := range specs {
		s.Options, s.Examples = slices.Clone(s.Options), slices.Clone(s.Examples)
		out[i] = s
	}
	return out
}

// Lookup finds a command by its exact name, without prefix. Matching is exact
// on purpose: /set must never run /setphoto.
func Lookup(name string) (Spec, bool) {
	for _, s := range specs {
		if s.Name == name {
			s.Options, s.Examples = slices.Clone(s.Options), slices.Clone(s.Examples)
			return s, true
		}
	}
	return Spec{}, false
}
