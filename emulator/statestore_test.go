package emulator_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/gotd/td/telegram/updates"
)

// stateStore is an in-memory updates.StateStorage that outlives a client,
// as a database would; gotd's own is unexported.
type stateStore struct {
	mu    sync.Mutex
	state map[int64]updates.State
	chans map[int64]map[int64]int
}

var _ updates.StateStorage = (*stateStore)(nil)

func newStateStore() *stateStore {
	return &stateStore{state: map[int64]updates.State{}, chans: map[int64]map[int64]int{}}
}

func (s *stateStore) GetState(_ context.Context, userID int64) (updates.State, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.state[userID]
	return st, ok, nil
}

func (s *stateStore) SetState(_ context.Context, userID int64, st updates.State) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state[userID] = st
	return nil
}

func (s *stateStore) update(userID int64, f func(*updates.State)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.state[userID]
	if !ok {
		return fmt.Errorf("no state for %d", userID)
	}
	f(&st)
	s.state[userID] = st
	return nil
}

func (s *stateStore) SetPts(_ context.Context, id int64, v int) error {
	return s.update(id, func(st *updates.State) { st.Pts = v })
}

func (s *stateStore) SetQts(_ context.Context, id int64, v int) error {
	return s.update(id, func(st *updates.State) { st.Qts = v })
}

func (s *stateStore) SetDate(_ context.Context, id int64, v int) error {
	return s.update(id, func(st *updates.State) { st.Date = v })
}

func (s *stateStore) SetSeq(_ context.Context, id int64, v int) error {
	return s.update(id, func(st *updates.State) { st.Seq = v })
}

func (s *stateStore) SetDateSeq(_ context.Context, id int64, date, seq int) error {
	return s.update(id, func(st *updates.State) { st.Date, st.Seq = date, seq })
}

func (s *stateStore) GetChannelPts(_ context.Context, userID, channelID int64) (int, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pts, ok := s.chans[userID][channelID]
	return pts, ok, nil
}

func (s *stateStore) SetChannelPts(_ context.Context, userID, channelID int64, pts int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chans[userID] == nil {
		s.chans[userID] = map[int64]int{}
	}
	s.chans[userID][channelID] = pts
	return nil
}

func (s *stateStore) ForEachChannels(ctx context.Context, userID int64, f func(context.Context, int64, int) error) error {
	s.mu.Lock()
	chans := make(map[int64]int, len(s.chans[userID]))
	for k, v := range s.chans[userID] {
		chans[k] = v
	}
	s.mu.Unlock()
	for id, pts := range chans {
		if err := f(ctx, id, pts); err != nil {
			return err
		}
	}
	return nil
}
