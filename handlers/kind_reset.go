package handlers

import "persona/storage"

// A reset is a step of a record's history with no photo (storage's
// KindReset): /history lists it, and /undo going back to it removes the
// photo again, as it has none to set.
func init() {
	registerKind(storage.KindReset, photoKind{
		describe: func(e storage.PhotoEntry, z zone) string { return "reset " + z.at(e.SetAt) },
	})
}
