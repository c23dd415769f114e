//go:build !linux

package pageout

// Executable: only Linux can page a mapping out.
func Executable() (int64, error) { return 0, ErrUnsupported }
