package e2e_test

import (
	"testing"

	"persona/emulator"
)

// mediaDC is where the file of BenchmarkPNGFile5MBOtherDC lives: not the
// account's, as media forwarded from a friend often is.
const mediaDC = 4

// BenchmarkPNGFile5MBOtherDC: the 5 MB PNG file of BenchmarkPNGFile5MB
// living on another DC, downloaded from there and uploaded home, in RTTs.
// The warm-up job opens the connections to that DC, as a daemon that has
// fetched from it before has them.
func BenchmarkPNGFile5MBOtherDC(b *testing.B) {
	png := pngFile(pngBytes)
	benchSetphoto(b, media{base: png.base, at: png.at, make: func(f []byte) *emulator.Media {
		return png.make(f).OnDC(mediaDC)
	}})
}
