package browsertest

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opsdocs/opsdocs/assets"
	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/serve"
)

// strictCSP is the policy the live preview is served under in the test:
// no inline script or style, no eval, connections to the preview only.
const strictCSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:"

// serveLive serves the site in dir as "opsdocs serve" does, under a strict
// Content-Security-Policy, and returns its URL.
func serveLive(t *testing.T, dir string) string {
	t.Helper()
	preview := serve.NewPreview(serve.Options{
		Dir: dir,
		Rebuilder: generator.NewRebuilder(generator.Options{
			Site: os.DirFS(dir), BaseURL: "/", Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		}),
		Stdout: t.Output(), Stderr: t.Output(),
	})
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := preview.Build(ctx); err != nil {
		t.Fatal(err)
	}
	go preview.Run(ctx)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		preview.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { cancel(); preview.Close(); srv.Close() })
	return srv.URL
}

// waitUntil evaluates a JavaScript condition until it holds.
func waitUntil(t *testing.T, b *Browser, what, cond string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		chromedp.Do(b.Ctx, chromedp.Sleep(50*time.Millisecond))
	}
	t.Fatalf("%s: %s never held", what, cond)
}

// contrast is a JavaScript function giving the contrast ratio of an
// element's text against its background, as WCAG defines it.
const contrast = `function (el, bgEl) {
  const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const a = lum(getComputedStyle(el).color), b = lum(getComputedStyle(bgEl).backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}`

// TestLiveReload edits a site under a running preview and checks what the
// reader sees without touching the browser: the page updates and keeps its
// scroll position, a style sheet change applies without a reload, and a
// bad edit shows an accessible overlay that goes away once fixed.
func TestLiveReload(t *testing.T) {
	dir := t.TempDir()
	guide := filepath.Join(dir, "content", "guide.md")
	var long strings.Builder
	for i := range 60 {
		long.WriteString("A paragraph of the guide, long enough for the page to scroll. " + strings.Repeat("Words. ", i%5) + "\n\n")
	}
	page := func(title string) string {
		return "---\ntitle: " + title + "\n---\n" + long.String()
	}
	os.MkdirAll(filepath.Dir(guide), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("# Home\n"), 0o644)
	os.WriteFile(guide, []byte(page("Guide")), 0o644)
	site := serveLive(t, dir)
	b := New(t, 1280, 900)

	b.Do(t, chromedp.Navigate(site+"/guide/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	h1 := `document.querySelector("h1").textContent.trim()`
	// A marker that a reload clears.
	b.Do(t, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 1200); window.sameDocument = true`))
	waitUntil(t, b, "scrolled", `window.scrollY >= 1150`)

	// An edit reloads the page, back where the reader was.
	os.WriteFile(guide, []byte(page("Guide, edited")), 0o644)
	waitUntil(t, b, "page updated", h1+` === "Guide, edited"`)
	if Eval[bool](t, b, `window.sameDocument === true`) {
		t.Error("the new title appeared without a reload")
	}
	waitUntil(t, b, "scroll position kept", `Math.abs(window.scrollY - 1200) < 50`)
	b.NoConsoleErrors(t)

	// A style sheet change applies without a reload.
	theme, err := fs.ReadFile(assets.FS, "style.css")
	if err != nil {
		t.Fatal(err)
	}
	b.Do(t, chromedp.Evaluate[chromedp.Void](`window.sameDocument = true`))
	os.MkdirAll(filepath.Join(dir, "assets"), 0o755)
	os.WriteFile(filepath.Join(dir, "assets", "style.css"), append(theme, "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"...), 0o644)
	waitUntil(t, b, "new style applied", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if !Eval[bool](t, b, `window.sameDocument === true`) {
		t.Error("a style sheet change reloaded the page")
	}
	if n := Eval[int](t, b, `document.querySelectorAll('link[href*="/style."]').length`); n != 1 {
		t.Errorf("%d style.css links after the swap, want the old one replaced", n)
	}
	b.NoConsoleErrors(t)

	// A bad edit shows the errors over the page, which stays as it was.
	overlay := `document.getElementById("opsdocs-overlay")`
	alert := overlay + `.shadowRoot.querySelector('[role="alert"]')`
	os.WriteFile(guide, []byte("---\ntitle: Guide, broken\ntype: handbook\n---\nBroken.\n"), 0o644)
	waitUntil(t, b, "overlay shown", overlay+` !== null`)
	text := Eval[string](t, b, alert+`.textContent`)
	if want := `content/guide.md:3: error: type "handbook" is not one of`; !strings.Contains(text, want) {
		t.Errorf("overlay says %q, want %q", text, want)
	}
	if got := Eval[string](t, b, h1); got != "Guide, edited" || !Eval[bool](t, b, `window.sameDocument === true`) {
		t.Errorf("with errors the page changed to %q; it should stay as it was", got)
	}
	for _, part := range []string{"h2", "p", "pre", "button"} {
		ratio := Eval[float64](t, b, `(`+contrast+`)(`+alert+`.querySelector("`+part+`"), `+alert+`)`)
		if ratio < 4.5 {
			t.Errorf("overlay %s has contrast %.1f:1, want at least 4.5:1", part, ratio)
		}
	}
	if label := Eval[string](t, b, alert+`.querySelector("button").getAttribute("aria-label")`); !strings.Contains(label, "Dismiss") {
		t.Errorf("overlay button label %q", label)
	}
	b.NoConsoleErrors(t)

	// Fixing it removes the overlay by itself.
	os.WriteFile(guide, []byte(page("Guide, fixed")), 0o644)
	waitUntil(t, b, "page fixed", h1+` === "Guide, fixed"`)
	waitUntil(t, b, "overlay gone", overlay+` === null`)

	// The overlay can be dismissed, with its button or Esc.
	for _, how := range []string{alert + `.querySelector("button").click()`, `document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"}))`} {
		os.WriteFile(guide, []byte("---\ntitle: [broken\n---\n"+how+"\n"), 0o644)
		waitUntil(t, b, "overlay shown", overlay+` !== null`)
		b.Do(t, chromedp.Evaluate[chromedp.Void](how))
		waitUntil(t, b, "overlay dismissed", overlay+` === null`)
		os.WriteFile(guide, []byte(page("Guide, fixed again")), 0o644)
		waitUntil(t, b, "page fixed", h1+` === "Guide, fixed again"`)
		os.WriteFile(guide, []byte(page("Guide, fixed")), 0o644)
		waitUntil(t, b, "page fixed", h1+` === "Guide, fixed"`)
	}
	b.NoConsoleErrors(t)
}
