package emulator

import (
	"strconv"

	"github.com/gotd/td/tgerr"
)

// Telegram's errors, as the real server spells them.
var (
	errUserIDInvalid       = tgerr.New(400, "USER_ID_INVALID")
	errPeerIDInvalid       = tgerr.New(400, "PEER_ID_INVALID")
	errContactMissing      = tgerr.New(400, "CONTACT_MISSING")
	errPhotoInvalid        = tgerr.New(400, "PHOTO_INVALID")
	errVideoFileInvalid    = tgerr.New(400, "VIDEO_FILE_INVALID")
	errPhotoFileMissing    = tgerr.New(400, "PHOTO_FILE_MISSING")
	errMessageIDInvalid    = tgerr.New(400, "MESSAGE_ID_INVALID")
	errMessageEmpty        = tgerr.New(400, "MESSAGE_EMPTY")
	errMessageTooLong      = tgerr.New(400, "MESSAGE_TOO_LONG")
	errMediaCaptionTooLong = tgerr.New(400, "MEDIA_CAPTION_TOO_LONG")
	errMessageNotMod       = tgerr.New(400, "MESSAGE_NOT_MODIFIED")
	errRandomIDDuplicate   = tgerr.New(400, "RANDOM_ID_DUPLICATE")
	errMessageAuthor       = tgerr.New(403, "MESSAGE_AUTHOR_REQUIRED")
	errFileRefExpired      = tgerr.New(400, "FILE_REFERENCE_EXPIRED")
	errLocationInvalid     = tgerr.New(400, "LOCATION_INVALID")
	errLimitInvalid        = tgerr.New(400, "LIMIT_INVALID")
	errOffsetInvalid       = tgerr.New(400, "OFFSET_INVALID")
	errFilePartInvalid     = tgerr.New(400, "FILE_PART_INVALID")
	errFilePartEmpty       = tgerr.New(400, "FILE_PART_EMPTY")
	errFilePartTooBig      = tgerr.New(400, "FILE_PART_TOO_BIG")
	errFilePartsInvalid    = tgerr.New(400, "FILE_PARTS_INVALID")
	errFilePartSize        = tgerr.New(400, "FILE_PART_SIZE_INVALID")
	errChecksumInvalid     = tgerr.New(400, "MD5_CHECKSUM_INVALID")
	errUsernameNotOcc      = tgerr.New(400, "USERNAME_NOT_OCCUPIED")
	errUsernameInvalid     = tgerr.New(400, "USERNAME_INVALID")
	errPhoneNotOccupied    = tgerr.New(400, "PHONE_NOT_OCCUPIED")
	errPhoneInvalid        = tgerr.New(400, "PHONE_NUMBER_INVALID")
	errPhoneUnoccupied     = tgerr.New(400, "PHONE_NUMBER_UNOCCUPIED")
	errPhoneCodeInvalid    = tgerr.New(400, "PHONE_CODE_INVALID")
	errPhoneCodeExpired    = tgerr.New(400, "PHONE_CODE_EXPIRED")
	errPhoneCodeHash       = tgerr.New(400, "PHONE_CODE_HASH_EMPTY")
	errPasswordNeeded      = tgerr.New(401, "SESSION_PASSWORD_NEEDED")
	errPasswordInvalid     = tgerr.New(400, "PASSWORD_HASH_INVALID")
	errSRPIDInvalid        = tgerr.New(400, "SRP_ID_INVALID")
	errAPIIDInvalid        = tgerr.New(400, "API_ID_INVALID")
	errTokenInvalid        = tgerr.New(400, "AUTH_TOKEN_INVALID")
	errTokenExpired        = tgerr.New(400, "AUTH_TOKEN_EXPIRED")
	errMarkupInvalid       = tgerr.New(400, "EMOJI_MARKUP_INVALID")
	errStickersetInvalid   = tgerr.New(400, "STICKERSET_INVALID")
	errStartTSInvalid      = tgerr.New(400, "VIDEO_START_TS_INVALID")
	errMediaInvalid        = tgerr.New(400, "MEDIA_INVALID")
	errDCIDInvalid         = tgerr.New(400, "DC_ID_INVALID")
	errAuthBytesInvalid    = tgerr.New(400, "AUTH_BYTES_INVALID")
)

// The 303 errors that send a client to another DC, as Telegram spells them
// (core.telegram.org/api/errors#303-see-other): FILE_MIGRATE_X for a file
// that lives on DC X, PHONE_MIGRATE_X for a login whose account lives there,
// USER_MIGRATE_X for any other call of an account that lives there.
func fileMigrate(dc int) *tgerr.Error  { return seeOther("FILE_MIGRATE", dc) }
func phoneMigrate(dc int) *tgerr.Error { return seeOther("PHONE_MIGRATE", dc) }
func userMigrate(dc int) *tgerr.Error  { return seeOther("USER_MIGRATE", dc) }

func seeOther(kind string, dc int) *tgerr.Error {
	return tgerr.New(303, kind+"_"+strconv.Itoa(dc))
}
