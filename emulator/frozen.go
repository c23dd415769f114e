package emulator

import (
	"strings"

	"github.com/gotd/td/tgerr"
)

// A frozen account, as Telegram freezes one for a breach of its terms: it
// stays logged in and may read, but every method it is not allowed answers
// 420 FROZEN_METHOD_INVALID, "The current account is frozen, and thus
// cannot execute the specified action" (core.telegram.org/api/errors, and
// each method's list of errors; core.telegram.org/api/auth, "Frozen
// accounts": appConfig freeze_since_date, freeze_until_date and
// freeze_appeal_url tell the apps). TDLib takes that answer as final, not
// as a wait (td/telegram/net/NetQueryDispatcher.cpp), and reports the
// state in updateFreezeState (td/generate/scheme/td_api.tl).

// FreezeAccount freezes the account: from now on its calls of methods a
// frozen account may not use answer FROZEN_METHOD_INVALID.
func (e *Emulator) FreezeAccount(userID int64) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.frozen[userID] = true
}

// UnfreezeAccount ends FreezeAccount, as an accepted appeal does.
func (e *Emulator) UnfreezeAccount(userID int64) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	delete(e.faults.frozen, userID)
}

// frozenRefusal is the error a call of method by userID gets because the
// account is frozen, or nil.
func (f *faults) frozenRefusal(userID int64, method string) *tgerr.Error {
	f.mu.Lock()
	frozen := f.frozen[userID]
	f.mu.Unlock()
	if !frozen || frozenMayCall(method) {
		return nil
	}
	return tgerr.New(420, "FROZEN_METHOD_INVALID")
}

// frozenMayCall reports whether a frozen account may still call method.
// The account keeps its session and reads its chats: signing in and the
// session's own calls (auth., help., updates., langpack.), reads (a
// method that gets something, or resolves a username) and file transfers.
// Whatever acts (sending, editing or deleting messages, setting photos,
// adding contacts) is refused, in Saved Messages too.
func frozenMayCall(method string) bool {
	ns, name, _ := strings.Cut(method, ".")
	switch ns {
	case "auth", "help", "updates", "langpack", "upload":
		return true
	}
	return strings.HasPrefix(name, "get") || method == "contacts.resolveUsername"
}
