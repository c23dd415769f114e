package handlers

import (
	"errors"
	"strconv"

	"github.com/gotd/td/tgerr"

	"persona/internal/panics"
	"persona/internal/usererr"
)

// explain renders an error for one target in plain words.
func explain(label string, err error) string {
	var (
		ue *usererr.Error
		fw *tgerr.Error
	)
	switch {
	case errors.As(err, &ue):
		return ue.Msg
	case tgerr.Is(err, "CONTACT_MISSING"):
		return label + " is not in your contacts"
	case tgerr.Is(err, "CONTACT_ID_INVALID", "CONTACT_NAME_EMPTY"):
		return about(label, "Telegram refused to add them to your contacts")
	case tgerr.Is(err, "USER_ID_INVALID", "PEER_ID_INVALID"):
		return "no user " + label
	case tgerr.Is(err, "PHOTO_INVALID", "IMAGE_PROCESS_FAILED", "PHOTO_INVALID_DIMENSIONS"):
		return about(label, "Telegram refused the image as a profile photo")
	case tgerr.Is(err, "VIDEO_FILE_INVALID"):
		return about(label, "Telegram refused the video as a profile video")
	case tgerr.Is(err, "EMOJI_MARKUP_INVALID", "STICKERSET_INVALID"):
		return about(label, "Telegram refused the sticker or emoji")
	case errors.As(err, new(frozenAccount)) || tgerr.Is(err, "FROZEN_METHOD_INVALID"):
		return about(label, "Telegram has frozen this account; see an official Telegram app")
	case errors.As(err, &fw) && isFloodWait(fw):
		return about(label, "Telegram asks to wait "+strconv.Itoa(fw.Argument)+" s; try again later")
	}
	return about(label, "failed ("+short(err)+")")
}

// isFloodWait: 420 FLOOD_WAIT_X or FLOOD_PREMIUM_WAIT_X with X the
// seconds. Any other 420 (docs/ARCHITECTURE.md, "420 is not always a flood
// wait") is told by its name, never as a wait of 0 s.
func isFloodWait(e *tgerr.Error) bool {
	return e.Code == 420 && (e.Type == "FLOOD_WAIT" || e.Type == "FLOOD_PREMIUM_WAIT") &&
		e.Message == e.Type+"_"+strconv.Itoa(e.Argument)
}

// about puts the target's label before text. A failure before any target,
// such as fetching the media, has none: no "❌ : failed".
func about(label, text string) string {
	if label == "" {
		return text
	}
	return label + ": " + text
}

// internalError is all the chat says of a panic, wherever it happened: its
// value and stack are for the log only.
const internalError = "internal error; the details are in the log"

// panicked reports whether err is, or wraps, a recovered panic.
func panicked(err error) bool {
	var pe *panics.Error
	return errors.As(err, &pe)
}

// short keeps error text brief for a chat reply.
func short(err error) string {
	var rpc *tgerr.Error
	if errors.As(err, &rpc) {
		return rpc.Message
	}
	if panicked(err) {
		return internalError
	}
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
