package playground

// help tells a person at the playground's terminal what to type.
const help = `Each line is posted into Dana's Saved Messages, as if written in a Telegram app,
and its message id is printed (#42 posted). Messages that appear there from
elsewhere, Persona's replies and their edits, are printed too: #43 reply to #42 › ✅ …
  /setphoto @alice              a text message
  photo /setphoto @alice        a generated photo with that caption
  png /setphoto @alice          a generated PNG sent as a file (jpeg: a JPEG file)
  video /setphoto @bob frame=2  a generated 5 s square MP4 video (gif: a GIF animation, round: a round video)
  sticker                       a static WebP sticker (sticker animated: a TGS one, sticker video: a WebM one)
  emoji /setphoto @bob          the text followed by a custom emoji 🙂
  vcf /import                   a contacts.vcf (vCard 3.0) of Alice, Bob and two strangers, with photos
  @alice sets photo             Alice changes her own profile photo in her app (sets video: a video one;
                                removes photo: deletes her current one, the one before it comes back)
  reply 42 /setphoto @alice     any line, as a reply to message 42
  reply 43 "1: photo" /setphoto @bob   a reply quoting part of message 43 (a /history line)
  forward /setphoto @alice      any line, forwarded from Alice (Persona ignores it)
  dc4 photo /setphoto @alice    any media line, its file stored on DC 4 (the account lives on DC 2)
  edit 42 /setphoto @bob        changes the text of message 42 (Persona ignores edits)
  qr                            approves the QR code "persona login -qr" shows, as the phone
                                would when it scans it (qr tg://login?token=…: that code)
  help                          this text
`
