package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// exported is an authorization exported for another DC, awaiting import.
type exported struct {
	userID int64
	dc     int
}

// anyDC are the methods a DC other than the account's home serves with an
// imported authorization: files. Everything else there answers
// USER_MIGRATE_X. Clients send only file requests to such DCs: gotd's
// invokeSub on FILE_MIGRATE, TDLib's try_fix_migrate resending to the file's
// DC, Telegram Desktop's download sessions.
var anyDC = map[string]bool{
	"upload.getFile":         true,
	"upload.saveFilePart":    true,
	"upload.saveBigFilePart": true,
}

// authorize is what Telegram answers instead of running m for c, or nil: a
// key that is not authorised on this DC gets AUTH_KEY_UNREGISTERED, an
// account's call outside its home DC and outside anyDC USER_MIGRATE_X.
func (e *Emulator) authorize(c *call, m method) *tgerr.Error {
	switch {
	case m.public:
		return nil
	case c.userID == 0:
		return errAuthKeyUnregistered
	}
	if home := e.homeDC(c.userID); home != c.dc && !anyDC[m.name] {
		return userMigrate(home)
	}
	return nil
}

func (e *Emulator) registerTransfer(m map[uint32]method) {
	register(m, false, (*call).exportAuthorization)
	register(m, true, (*call).importAuthorization)
}

// exportAuthorization hands out bytes that authorise a key on DC dc_id for
// the caller's account (core.telegram.org/api/datacenter#authorization-transfer).
func (c *call) exportAuthorization(req *tg.AuthExportAuthorizationRequest) (bin.Encoder, error) {
	if req.DCID == c.dc || c.e.dcByID(req.DCID) == nil {
		return nil, errDCIDInvalid
	}
	defer c.lock()()
	b := randomBytes(128)
	c.e.world.exports[string(b)] = exported{userID: c.userID, dc: req.DCID}
	return &tg.AuthExportedAuthorization{ID: c.userID, Bytes: b}, nil
}

// importAuthorization binds the caller's key on this DC to the account the
// bytes were exported for. The bytes serve once: every client exports anew
// for each import (gotd's Client.transfer, TDLib's DcAuthManager::dc_loop).
func (c *call) importAuthorization(req *tg.AuthImportAuthorizationRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	x, ok := w.exports[string(req.Bytes)]
	switch {
	case !ok || x.dc != c.dc:
		return nil, errAuthBytesInvalid
	case x.userID != req.ID:
		return nil, errUserIDInvalid
	}
	delete(w.exports, string(req.Bytes))
	u := w.users[x.userID]
	if u == nil {
		return nil, errAuthBytesInvalid
	}
	delete(w.pending, c.keyID)
	w.keys[c.keyID] = u.id
	if c.dc != u.dc {
		w.imported[c.keyID] = c.dc
	}
	c.userID = u.id
	return &tg.AuthAuthorization{User: w.tgUser(u.id, u)}, nil
}

// ForgetImported makes DC dc forget every authorization imported into it,
// as Telegram's DCs do now and then: calls there answer
// AUTH_KEY_UNREGISTERED until the client imports again. Logins on an
// account's home DC stay. Only the home DC's 401 means "logged out";
// Telegram Desktop and TDLib (DcAuthManager: "Lost key ..., restart
// dc_loop") export and import again on any other.
func (e *Emulator) ForgetImported(dc int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k, d := range e.world.imported {
		if d == dc {
			delete(e.world.keys, k)
			delete(e.world.imported, k)
		}
	}
}
