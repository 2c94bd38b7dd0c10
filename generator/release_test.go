package generator

import (
	"bytes"
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/opsdocs/opsdocs/generator/output"
)

// TestOneShotSameSite builds the demo portal as a one-shot build, which
// lets go of its pages as it goes, and as a kept one, which does not:
// every file and every diagnostic must be the same, and the one-shot
// builder must keep none of its pages.
func TestOneShotSameSite(t *testing.T) {
	build := func(oneShot bool) (*builder, *Result, *output.Memory) {
		out := output.NewMemory()
		b := newBuilder(Options{Site: os.DirFS(".."), Output: out, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
		b.oneShot = oneShot
		res, err := b.build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return b, res, out
	}
	ob, ores, oout := build(true)
	kb, kres, kout := build(false)
	if len(kb.pages) == 0 {
		t.Fatal("the kept build has no pages")
	}
	if ob.pages != nil || ob.byPath != nil || ob.root != nil {
		t.Errorf("the one-shot build kept its site: %d pages", len(ob.pages))
	}
	if !slices.Equal(ores.Diagnostics, kres.Diagnostics) {
		t.Errorf("diagnostics differ:\none-shot: %v\nkept: %v", ores.Diagnostics, kres.Diagnostics)
	}
	if !slices.Equal(oout.Names(), kout.Names()) {
		t.Fatalf("file lists differ:\none-shot: %v\nkept: %v", oout.Names(), kout.Names())
	}
	for _, n := range kout.Names() {
		x, _ := oout.Get(n)
		y, _ := kout.Get(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between a one-shot build and a kept one", n)
		}
	}
}
