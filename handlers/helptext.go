package handlers

// Help text that several commands share.

// mediaNotes are the lines of /help that say where the media of /setphoto
// and /suggest comes from and Telegram's limits on it.
func mediaNotes() []string {
	return []string{
		"Media: attached to the command, else the message it replies to:",
		"a photo or image (JPEG, PNG or WebP, up to 10 MB), a sticker, a custom emoji typed in,",
		"or an MP4 video or GIF (square, 160 to 1280 px a side, at most 10 s and 2 MB).",
	}
}
