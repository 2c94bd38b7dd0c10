package generator

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/opsdocs/opsdocs/generator/corpus"
	"github.com/opsdocs/opsdocs/generator/output"
)

// TestFastLayouts renders the demo portal and a generated site with the
// fast path of package render checked against html/template on every
// page, and checks that the fast path declined none: html/template only
// renders the first pages of each layout, while it escapes the layout.
func TestFastLayouts(t *testing.T) {
	defer func(v bool) { verifyLayouts = v }(verifyLayouts)
	verifyLayouts = true
	gen := t.TempDir()
	if _, err := corpus.Write(gen, corpus.Options{Pages: 400, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct{ name, dir string }{{"demo", ".."}, {"generated", gen}} {
		t.Run(site.name, func(t *testing.T) {
			b := newBuilder(Options{
				Site: os.DirFS(site.dir), Output: output.NewMemory(),
				Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
			})
			b.oneShot = true
			res, err := b.build(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.Errors() {
				t.Fatalf("errors: %v", res.Diagnostics)
			}
			all, fast, declined := b.tmpl.Runs()
			t.Logf("%d of %d pages on the fast path", fast, all)
			if all < 50 || fast < all/2 || declined > 0 {
				t.Errorf("%d of %d pages on the fast path, %d declined; want most, and none declined", fast, all, declined)
			}
		})
	}
}
