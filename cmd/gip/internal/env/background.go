package env

import "sync"

// Background is work that lines of a batch leave running after they
// return, such as the last close of a TUN/TAP device, which waits for the
// kernel to unregister it: several such closes wait together instead of
// one after the other. The batch waits for it before a line that cannot
// overlap it and at its end, so that every other line sees what it would
// see had the work been done in place.
type Background struct {
	wg    sync.WaitGroup
	slots chan struct{} // bounds the work running at once
	mu    sync.Mutex
	keys  map[string]int // what the pending work concerns, by key
}

// NewBackground runs at most n pieces of work at once.
func NewBackground(n int) *Background {
	return &Background{slots: make(chan struct{}, n), keys: map[string]int{}}
}

// Go runs fn in the background; key names what it concerns (Busy).
func (b *Background) Go(key string, fn func()) {
	b.mu.Lock()
	b.keys[key]++
	b.mu.Unlock()
	b.wg.Add(1)
	b.slots <- struct{}{}
	go func() {
		defer b.wg.Done()
		fn()
		<-b.slots
		b.mu.Lock()
		if b.keys[key]--; b.keys[key] == 0 {
			delete(b.keys, key)
		}
		b.mu.Unlock()
	}()
}

// Busy reports pending work that concerns key.
func (b *Background) Busy(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.keys[key] > 0
}

// Wait returns once every piece of work started has ended.
func (b *Background) Wait() { b.wg.Wait() }
