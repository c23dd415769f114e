package placeholder

import (
	"image"
	"image/color"
)

// silhouette draws a head and shoulders in translucent white: the picture
// for a name with nothing the font can draw (CJK, emoji only, no name),
// neutral where a "?" would look like an error. It is centred as letters are.
func silhouette(img *image.RGBA) {
	const (
		sub = 4 // samples per pixel side, for smooth edges
		cx  = Side / 2.0
	)
	headY, headR := Side*0.335, Side*0.17
	bodyY, bodyRX, bodyRY := Side*0.835, Side*0.30, Side*0.26
	inside := func(x, y float64) bool {
		dx, dy := x-cx, y-headY
		if dx*dx+dy*dy <= headR*headR {
			return true
		}
		ex, ey := (x-cx)/bodyRX, (y-bodyY)/bodyRY
		return y <= bodyY && ex*ex+ey*ey <= 1
	}
	for py := 0; py < Side; py++ {
		for px := 0; px < Side; px++ {
			n := 0
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					if inside(float64(px)+(float64(sx)+0.5)/sub, float64(py)+(float64(sy)+0.5)/sub) {
						n++
					}
				}
			}
			if n > 0 {
				blend(img, px, py, 0.85*float64(n)/(sub*sub))
			}
		}
	}
}

// blend mixes white over the pixel with the given opacity.
func blend(img *image.RGBA, x, y int, a float64) {
	c := img.RGBAAt(x, y)
	mix := func(v uint8) uint8 { return uint8(float64(v)*(1-a) + 255*a + 0.5) }
	img.SetRGBA(x, y, color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xFF})
}
