package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"persona/storage"
)

// The router journals each command so that it is answered exactly once,
// also when the daemon restarts halfway.
func Example() {
	dir, _ := os.MkdirTemp("", "persona")
	defer os.RemoveAll(dir)

	db, err := storage.Open(filepath.Join(dir, "persona.db"), storage.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	started, _ := db.Begin(100, ".setphoto @alice", now)
	fmt.Println("started:", started)
	again, _ := db.Begin(100, ".setphoto @alice", now) // the same update, delivered twice
	fmt.Println("started again:", again)

	_ = db.Finish(100, 101, "ok", now)
	isReply, _ := db.IsReply(101) // our own reply arrives as an outgoing message
	fmt.Println("101 is our reply:", isReply)

	// Output:
	// started: true
	// started again: false
	// 101 is our reply: true
}
