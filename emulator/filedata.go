package emulator

import "github.com/gotd/td/tg"

// MessageFile returns the bytes of the media of the account's message id
// as a download of its full size gives them: a photo's largest size
// ("w" if Telegram kept one, else "y": see newPhoto), or a document's
// content. False when the message has no such media.
func (e *Emulator) MessageFile(account int64, id int) ([]byte, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := e.world.box(account).msgs[id].(*tg.Message)
	if !ok {
		return nil, false
	}
	var f *file
	switch media := m.Media.(type) {
	case *tg.MessageMediaPhoto:
		if p, ok := media.Photo.(*tg.Photo); ok {
			f = e.world.files[p.ID]
		}
	case *tg.MessageMediaDocument:
		if d, ok := media.Document.(*tg.Document); ok {
			f = e.world.files[d.ID]
		}
	}
	if f == nil {
		return nil, false
	}
	for _, size := range []string{"w", "y", ""} {
		if data, ok := f.sizes[size]; ok {
			return data, true
		}
	}
	return nil, false
}
