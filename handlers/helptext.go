package handlers

// Help text that several commands share.

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
