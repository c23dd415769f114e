package placeholder

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ first, last, want string }{
		{"alice", "smith", "AS"},
		{"Alice", "", "A"},
		{"Anna Maria", "", "AM"},
		{"Jean", "de la Fontaine", "JF"},
		{"Иван", "Петров", "ИП"},
		{"ёлка", "", "Ё"},
		{"山田", "太郎", ""},
		{"山田", "Smith", "S"},
		{"😀🎉", "", ""},
		{"😀Zoe", "", "Z"},
		{"", "", ""},
		{"  ", "\t", ""},
		{"42", "", "4"},
	} {
		if got := Initials(tc.first, tc.last); got != tc.want {
			t.Errorf("Initials(%q, %q) = %q; want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestColourIsTelegrams(t *testing.T) {
	// id % 7 picks the colour, as TDLib and Telegram Desktop do.
	if Colour(7) != palette[0] || Colour(8) != palette[1] || Colour(13) != palette[6] {
		t.Fatal("Colour does not follow id % 7")
	}
	if Colour(-8) != palette[1] {
		t.Fatal("a negative id picks no colour of the palette")
	}
}

func TestDeterministic(t *testing.T) {
	a, err := JPEG(1000123, "Alice", "Smith")
	if err != nil {
		t.Fatal(err)
	}
	b, err := JPEG(1000123, "Alice", "Smith")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same user gave two different pictures")
	}
	c, err := JPEG(1000124, "Alice", "Smith")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Fatal("users with different colours gave the same picture")
	}
}

func TestPictures(t *testing.T) {
	for _, tc := range []struct{ name, first, last string }{
		{"latin", "Alice", "Smith"},
		{"cyrillic", "Иван", "Петров"},
		{"cjk", "山田", "太郎"},
		{"emoji", "😀🎉", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := JPEG(1000000+int64(len(tc.name)), tc.first, tc.last)
			if err != nil {
				t.Fatal(err)
			}
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not a JPEG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 640 {
				t.Fatalf("picture is %v; want a square of at least 640 px", b)
			}
			ink := inkBounds(img)
			if ink.Empty() {
				t.Fatal("the picture is one plain colour")
			}
			checkCentred(t, ink, img.Bounds())
		})
	}
}

// TestInitialsCentred measures the letters' ink: letters with descenders,
// ascenders and accents all sit in the middle.
func TestInitialsCentred(t *testing.T) {
	for _, name := range [][2]string{{"Alice", "Jones"}, {"q", "y"}, {"Ёжик", "Йод"}, {"W", ""}, {"i", ""}} {
		img, err := Draw(1000001, name[0], name[1])
		if err != nil {
			t.Fatal(err)
		}
		ink := inkBounds(img)
		if ink.Empty() {
			t.Fatalf("%q: no ink", name)
		}
		checkCentred(t, ink, img.Bounds())
	}
}

func checkCentred(t *testing.T, ink, all image.Rectangle) {
	t.Helper()
	const slack = 6 // px: anti-aliased edges and JPEG noise
	cx, cy := (ink.Min.X+ink.Max.X)/2, (ink.Min.Y+ink.Max.Y)/2
	mx, my := (all.Min.X+all.Max.X)/2, (all.Min.Y+all.Max.Y)/2
	if abs(cx-mx) > slack || abs(cy-my) > slack {
		t.Errorf("ink %v is centred at (%d,%d); the picture's centre is (%d,%d)", ink, cx, cy, mx, my)
	}
}

// inkBounds is the box around the pixels clearly lighter than the
// background, which is read from the top-left corner.
func inkBounds(img image.Image) image.Rectangle {
	b := img.Bounds()
	bg := luma(img, b.Min.X, b.Min.Y)
	ink := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if luma(img, x, y)-bg > 60 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return ink
}

func luma(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestReusedCanvas: a canvas drawn on before (initials, a silhouette)
// leaves nothing in the next picture: JPEG gives the bytes Draw does.
func TestReusedCanvas(t *testing.T) {
	for _, u := range []struct {
		id          int64
		first, last string
	}{{1, "Alice", "Smith"}, {2, "😀", ""}, {3, "Bob", ""}, {1, "Alice", "Smith"}} {
		got, err := JPEG(u.id, u.first, u.last)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Draw(u.id, u.first, u.last)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := jpeg.Encode(&want, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%d %q: JPEG on a reused canvas differs from a fresh Draw", u.id, u.first)
		}
	}
}
