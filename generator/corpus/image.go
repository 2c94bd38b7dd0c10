package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
)

// pngImage draws a small bar chart.
func pngImage(r *rand.Rand, w, h int) []byte {
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{
		color.RGBA{0xff, 0xff, 0xff, 0xff}, color.RGBA{0x25, 0x63, 0xeb, 0xff}, color.RGBA{0x16, 0xa3, 0x4a, 0xff},
	})
	bar := 8
	for x0 := 2; x0+bar <= w; x0 += bar + 2 {
		top := h - 2 - r.IntN(h-4)
		c := uint8(1 + r.IntN(2))
		for x := x0; x < x0+bar; x++ {
			for y := top; y < h-2; y++ {
				img.SetColorIndex(x, y, c)
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img) // writing to memory cannot fail
	return b.Bytes()
}

// svgImage draws a small flow of boxes.
func svgImage(r *rand.Rand, label string) []byte {
	var b bytes.Buffer
	n := 3 + r.IntN(3)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d 60" width="%d" height="60" role="img" aria-label="%s flow">`+"\n", n*110, n*110, label)
	for i := range n {
		fmt.Fprintf(&b, `<rect x="%d" y="10" width="90" height="40" rx="6" fill="none" stroke="#2563eb"/><text x="%d" y="35" font-size="12" text-anchor="middle">%s</text>`+"\n",
			i*110+5, i*110+50, headingWords[r.IntN(len(headingWords))])
		if i+1 < n {
			fmt.Fprintf(&b, `<path d="M%d 30h20" stroke="#64748b"/>`+"\n", i*110+95)
		}
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}
