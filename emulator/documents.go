package emulator

// DocumentData returns the bytes of a stored document (a file sent with
// messages.sendMedia, or posted), as upload.getFile would serve them, so a
// test reads what a message's attached file says.
func (e *Emulator) DocumentData(id int64) ([]byte, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.world.files[id]
	if f == nil || f.doc == nil {
		return nil, false
	}
	data, ok := f.sizes[""]
	return data, ok
}
