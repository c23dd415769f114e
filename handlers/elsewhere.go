package handlers

import "persona/storage"

// elsewhereNote says in plain words what happened to a contact's photo
// outside Persona, as the last check with Telegram found it; "" when
// Telegram showed what Persona recorded.
func elsewhereNote(rec storage.PhotoRecord, z zone) string {
	when := " " + z.at(rec.ElsewhereAt)
	switch rec.Elsewhere {
	case storage.ElsewhereChanged:
		return "⚠ replaced in another app" + when
	case storage.ElsewhereRemoved:
		return "removed in another app" + when
	case storage.ElsewhereSet:
		return "⚠ a personal photo was set in another app" + when
	case storage.ElsewhereDeleted:
		return "⚠ deleted their account (seen" + when + ")"
	}
	return ""
}
