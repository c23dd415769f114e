package imagefile_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"persona/internal/usererr"
	"persona/media/imagefile"
)

// A document becomes a profile photo file: JPEG and PNG stream on as they
// are, WebP is converted, and anything else is a message for the user.
func Example() {
	f, err := os.Open("testdata/yellow_rose.lossy.webp")
	if err != nil {
		panic(err)
	}
	defer f.Close()

	info, rd, err := imagefile.Check(f)
	var userErr *usererr.Error
	if errors.As(err, &userErr) {
		fmt.Println("❌", userErr.Msg)
		return
	}
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %d×%d\n", info.Format, info.Width, info.Height)

	upload := rd
	if info.Format == imagefile.FormatWebP {
		var buf bytes.Buffer
		if _, err := imagefile.WebPToPNG(rd, &buf); err != nil {
			panic(err)
		}
		upload = &buf
	}
	head := make([]byte, 32)
	if _, err := io.ReadFull(upload, head); err != nil {
		panic(err)
	}
	fmt.Println("upload as", imagefile.Sniff(head))
	// Output:
	// webp 400×301
	// upload as png
}

func ExampleCheck_refused() {
	_, _, err := imagefile.Check(bytes.NewReader([]byte("GIF89a\x10\x00\x10\x00")))
	fmt.Println("❌", err)
	// Output: ❌ the file is a GIF image; send a JPEG, PNG or WebP
}
