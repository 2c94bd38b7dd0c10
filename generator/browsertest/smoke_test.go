package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opsdocs/opsdocs/generator"
)

// buildDemo builds the demo portal of the repository into a temporary
// folder and serves it.
func buildDemo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	buildDemoInto(t, dir, "")
	return Serve(t, dir)
}

// buildDemoInto builds the demo portal into dir, for baseURL.
func buildDemoInto(t *testing.T, dir, baseURL string) {
	t.Helper()
	buildDemoWith(t, dir, generator.Options{BaseURL: baseURL})
}

// buildDemoWith builds the demo portal, or opts.Site, into dir with
// opts, on a fixed date.
func buildDemoWith(t *testing.T, dir string, opts generator.Options) {
	t.Helper()
	if opts.Site == nil {
		opts.Site = os.DirFS("../..")
	}
	opts.Now = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	Build(t, dir, opts)
}

// TestDemoPortal opens the built demo portal in Chromium and checks what a
// reader relies on: the page renders, the sidebar marks where they are,
// the table of contents jumps to a heading, the dark-mode toggle works and
// is remembered, the phone menu opens, and no page logs an error.
func TestDemoPortal(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)

	b.Do(t, chromedp.Navigate(site+"/playbooks/launch-readiness/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1 := Eval[string](t, b, `document.querySelector("h1").textContent.trim()`); h1 != "Launch readiness" {
		t.Errorf("h1 = %q, want %q", h1, "Launch readiness")
	}
	if cur := Eval[string](t, b, `(document.querySelector('#sidebar a[aria-current="page"]') || {}).textContent || ""`); strings.TrimSpace(cur) != "Launch readiness" {
		t.Errorf("sidebar marks %q as the current page, want %q", cur, "Launch readiness")
	}
	if n := Eval[int](t, b, `document.querySelectorAll("#sidebar a").length`); n < 6 {
		t.Errorf("sidebar has %d links, want the sections and this section's pages", n)
	}
	if n := Eval[int](t, b, `document.querySelectorAll("main h2").length`); n < 2 {
		t.Fatalf("page has %d h2 headings; the test needs a page with a table of contents", n)
	}
	if vis := Eval[bool](t, b, `(() => { const e = document.querySelector("aside.toc"); return !!e && getComputedStyle(e).display !== "none"; })()`); !vis {
		t.Error("table of contents not shown at 1280 px")
	}
	// The third entry, so the page has to scroll to it.
	href := Eval[string](t, b, `document.querySelectorAll("aside.toc a")[2].getAttribute("href")`)
	b.Do(t, chromedp.Click(chromedp.CSS(`aside.toc li:nth-child(3) a`)), chromedp.Sleep(200*time.Millisecond))
	if hash := Eval[string](t, b, `location.hash`); hash != href {
		t.Errorf("after clicking the TOC entry, location.hash = %q, want %q", hash, href)
	}
	if top := Eval[float64](t, b, `document.querySelector(CSS.escape ? "#" + CSS.escape(location.hash.slice(1)) : location.hash).getBoundingClientRect().top`); top < 0 || top > 300 {
		t.Errorf("after clicking the TOC entry, its heading is at y=%v, want near the top of the window", top)
	}
	if n, m := Eval[int](t, b, `document.querySelectorAll(".code-block").length`), Eval[int](t, b, `document.querySelectorAll(".code-block button").length`); n == 0 || n != m {
		t.Errorf("%d code blocks with %d copy buttons, want one button each", n, m)
	}
	b.NoConsoleErrors(t)

	// Dark mode follows the system (light here), toggles, and is remembered.
	bg := func() string { return Eval[string](t, b, `getComputedStyle(document.body).backgroundColor`) }
	light := bg()
	b.Do(t, chromedp.Click(chromedp.ID("theme-toggle")))
	if theme := Eval[string](t, b, `document.documentElement.dataset.theme || ""`); theme != "dark" {
		t.Fatalf("after the toggle, data-theme = %q, want dark", theme)
	}
	dark := bg()
	if dark == light {
		t.Errorf("background stays %s in dark mode", dark)
	}
	b.Do(t, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := bg(); got != dark {
		t.Errorf("after a reload, background = %s, want the remembered dark %s", got, dark)
	}
	if pressed := Eval[string](t, b, `document.getElementById("theme-toggle").getAttribute("aria-pressed")`); pressed != "true" {
		t.Errorf("toggle aria-pressed = %q in dark mode, want true", pressed)
	}
	b.Do(t, chromedp.Click(chromedp.ID("theme-toggle")))
	if got := bg(); got != light {
		t.Errorf("after toggling back, background = %s, want %s", got, light)
	}
	b.NoConsoleErrors(t)

	// Every kind of page renders with a title and without errors.
	for _, p := range []struct{ path, h1 string }{
		{"/", ""},
		{"/playbooks/", "Playbooks"},
		{"/onboarding/new-pm/", "New PM onboarding"},
		{"/reference/", "Using this portal"},
		{"/no/such/page/", "Page not found"},
	} {
		b.Do(t, chromedp.Navigate(site+p.path), chromedp.WaitVisible(chromedp.CSS("h1")))
		h1 := strings.TrimSpace(Eval[string](t, b, `document.querySelector("h1").textContent`))
		if h1 == "" || (p.h1 != "" && h1 != p.h1) {
			t.Errorf("%s: h1 = %q, want %q", p.path, h1, p.h1)
		}
		for _, e := range b.ConsoleErrors() {
			// The 404 page is served with status 404, which Chromium logs.
			if p.h1 == "Page not found" && strings.Contains(e, "404") {
				continue
			}
			t.Errorf("%s: browser console: %s", p.path, e)
		}
	}
}

// TestPhoneMenu checks that on a phone the sidebar is a menu behind a
// button, and that the page does not scroll sideways.
func TestPhoneMenu(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 390, 844)
	b.Do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(site+"/playbooks/launch-readiness/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %d px wide at 390 px: it scrolls sideways", w)
	}
	visible := `(() => { const r = document.getElementById("sidebar").getBoundingClientRect(); return r.width > 0 && r.right > 0 && r.left < innerWidth && getComputedStyle(document.getElementById("sidebar")).visibility !== "hidden"; })()`
	if Eval[bool](t, b, visible) {
		t.Error("sidebar shown on a phone before the menu is opened")
	}
	b.Do(t, chromedp.Click(chromedp.ID("menu-button")), chromedp.Sleep(300*time.Millisecond))
	if exp := Eval[string](t, b, `document.getElementById("menu-button").getAttribute("aria-expanded")`); exp != "true" {
		t.Errorf("menu button aria-expanded = %q after a tap, want true", exp)
	}
	if !Eval[bool](t, b, visible) {
		t.Error("sidebar not shown after opening the menu")
	}
	b.Do(t, chromedp.KeyEvent("\u001b"), chromedp.Sleep(300*time.Millisecond))
	if exp := Eval[string](t, b, `document.getElementById("menu-button").getAttribute("aria-expanded")`); exp != "false" {
		t.Errorf("menu button aria-expanded = %q after Esc, want false", exp)
	}
	b.NoConsoleErrors(t)
}
