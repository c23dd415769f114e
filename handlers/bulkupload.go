package handlers

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"

	"persona/media/placeholder"
	"persona/storage"
)

// uploadCache keeps the generated pictures a bulk job uploaded, by what
// makes them differ (for /hide: the initials and the colour), so 3,000
// contacts named alike cost a handful of uploads, not 3,000. Telegram
// takes an uploaded file again for a further photo; when it has forgotten
// it (uploadGone), the picture is uploaded anew.
type uploadCache struct {
	mu    sync.Mutex
	files map[string]*cachedUpload
}

type cachedUpload struct {
	once sync.Once
	f    tg.InputFileClass
	err  error
}

// get is the file uploaded for key, uploading it with up the first time.
func (u *uploadCache) get(key string, up func() (tg.InputFileClass, error)) (tg.InputFileClass, error) {
	u.mu.Lock()
	if u.files == nil {
		u.files = map[string]*cachedUpload{}
	}
	c := u.files[key]
	if c == nil {
		c = &cachedUpload{}
		u.files[key] = c
	}
	u.mu.Unlock()
	c.once.Do(func() { c.f, c.err = up() })
	if c.err != nil {
		u.forget(key)
	}
	return c.f, c.err
}

func (u *uploadCache) forget(key string) {
	u.mu.Lock()
	delete(u.files, key)
	u.mu.Unlock()
}

// clear drops every file, when a job ends.
func (u *uploadCache) clear() {
	u.mu.Lock()
	u.files = nil
	u.mu.Unlock()
}

// hideContact sets a contact's placeholder as their personal photo, with
// the name the contact list gave, uploading each distinct picture once.
func (r *runner) hideContact(ctx context.Context, c storage.Contact) (*tg.PhotosPhoto, error) {
	key := fmt.Sprintf("%v %s", placeholder.Colour(c.ID), placeholder.Initials(c.FirstName, c.LastName))
	var (
		res *tg.PhotosPhoto
		err error
	)
	for try := 0; try < 2; try++ {
		var f tg.InputFileClass
		f, err = r.uploads.get(key, func() (tg.InputFileClass, error) {
			jpeg, err := renderPlaceholder(ctx, c)
			if err != nil {
				return nil, err
			}
			return uploader.NewUploader(r.api).FromBytes(ctx, "hidden.jpg", jpeg)
		})
		if err != nil {
			return nil, err
		}
		res, err = r.api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
			Save: true, UserID: &tg.InputUser{UserID: c.ID, AccessHash: c.AccessHash}, File: f,
		})
		if !uploadGone(err) {
			return res, err
		}
		r.uploads.forget(key) // Telegram forgot it: upload it again, once
	}
	return nil, err
}

// renderSlots bounds the placeholders drawn at once to the CPUs: drawing
// is all CPU, so more at once is no faster, and each holds a 1.6 MB
// picture (640×640 RGBA) until encoded: 16 contacts at once drew 26 MB.
var renderSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// renderPlaceholder is c's placeholder as a JPEG, drawn in a render slot.
func renderPlaceholder(ctx context.Context, c storage.Contact) ([]byte, error) {
	select {
	case renderSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-renderSlots }()
	return placeholder.JPEG(c.ID, c.FirstName, c.LastName)
}
