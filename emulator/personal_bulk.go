package emulator

// SetPersonalPhotosQuietly gives each of contacts a personal photo set by
// account, as SetPersonalPhotoElsewhere does but with no update pushed:
// the state of an account that set them long ago, before any client now
// connected, for benchmarks of a daemon with thousands of records. It
// returns each contact's photo id, as users.getUsers will show it.
func (e *Emulator) SetPersonalPhotosQuietly(account int64, contacts []int64, jpeg []byte) map[int64]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.world.users[account]
	if u == nil {
		return nil
	}
	ids := make(map[int64]int64, len(contacts))
	for _, c := range contacts {
		pp := &PersonalPhoto{Kind: "photo", Data: jpeg, SetAt: e.now()}
		pp.Photo = e.world.profilePhoto(pp.SetAt, u.dc, pp)
		u.personal[c] = pp
		ids[c] = pp.Photo.ID
	}
	return ids
}
