package browsertest

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pageTypes are pages of the demo portal, one of each type the default
// theme renders, with the type its layout writes on <body>.
var pageTypes = []struct{ name, path, typ string }{
	{"home", "/", "home"},
	{"section", "/playbooks/", "section"},
	{"page", "/reference/markdown/", "page"},
	{"playbook", "/playbooks/launch-readiness/", "playbook"},
	{"curriculum", "/onboarding/new-pm/", "curriculum"},
	{"lesson", "/onboarding/new-pm/shadow-customer-calls/", "lesson"},
	{"team-roadmap", "/roadmap/growth/", "roadmap"},
	{"roadmap", "/roadmap/", "all-roadmaps"},
	{"kpi-page", "/kpis/customer-health/", "kpis"},
	{"kpis", "/kpis/", "all-kpis"},
	{"freshness", "/freshness/", "freshness"},
	{"changes", "/changes/", "changes"},
	{"search", "/search/?q=launch", "search"},
	{"404", "/no/such/page/", "404"},
}

// maxWeight is the most a page may transfer, gzip-compressed: its HTML,
// CSS and JavaScript together.
const maxWeight = 60 << 10

// TestTheme holds every page type of the default theme to the bar of a
// good documentation site, in one build and one browser: no serious
// accessibility violation (axe-core) at desktop and phone widths in both
// colour schemes, no sideways scrolling, a menu and large tap targets on
// a phone, light pages from one origin; every control reachable by
// keyboard with a visible focus ring; content readable without
// JavaScript; playbooks and lessons that print well.
//
// With OPSDOCS_SCREENSHOTS=DIR, or go test -artifacts, a screenshot of
// every case of every page is kept, in DIR/TestTheme or in the test's
// artifact folder. Otherwise only failing cases get one, kept in a
// temporary folder that the failure names: the 56 screenshots add about
// an eighth to the test's time.
func TestTheme(t *testing.T) {
	axe := LoadAxe(t)
	dir := filepath.Join(t.TempDir(), "public")
	buildDemoInto(t, dir, "")
	site := Serve(t, dir)
	b := firstVisits(t, New(t, 1280, 900))
	shots := newScreenshots(t)
	t.Logf("axe-core %s", axe.Version)

	t.Run("pages", func(t *testing.T) { everyPage(t, b, axe, site, dir, shots) })
	t.Run("dark tokens", func(t *testing.T) { darkTokens(t, b, site) })
	t.Run("status colours", func(t *testing.T) { statusColours(t, b, site) })
	t.Run("keyboard", func(t *testing.T) { keyboard(t, b, site) })
	t.Run("without script", func(t *testing.T) { readableWithoutScript(t, b, site) })
	t.Run("print", func(t *testing.T) { printed(t, b, site) })
}

// firstVisits turns off the cache of the tab of b: every page loads as on
// a first visit, and all its requests are seen.
func firstVisits(t *testing.T, b *Browser) *Browser {
	t.Helper()
	if _, err := chromedp.Call(b.Ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	return b
}

// screenshots saves screenshots of the cases of a test: of every case
// when they are kept (all), and otherwise of the failing ones.
type screenshots struct {
	all  bool
	once sync.Once
	dir  string
	err  error
}

func newScreenshots(t *testing.T) *screenshots {
	if d := os.Getenv("OPSDOCS_SCREENSHOTS"); d != "" {
		d = filepath.Join(d, t.Name())
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshots in %s", d)
		return &screenshots{all: true, dir: d}
	}
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		d := t.ArtifactDir()
		t.Logf("screenshots in %s", d)
		return &screenshots{all: true, dir: d}
	}
	return &screenshots{}
}

// take saves a screenshot of the window of b as name.png, if every case
// is kept or if t or its parent failed (it then says where, in the log of
// the one that failed).
func (s *screenshots) take(t, parent *testing.T, b *Browser, name string) {
	t.Helper()
	failed := t
	if !t.Failed() {
		failed = parent
	}
	if !s.all && !failed.Failed() {
		return
	}
	s.once.Do(func() {
		if s.dir == "" {
			s.dir, s.err = os.MkdirTemp("", "opsdocs-screenshots-")
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	fast := true
	shot, err := chromedp.Call(b.Ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng, OptimizeForSpeed: &fast})
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	file := filepath.Join(s.dir, name+".png")
	if err := os.WriteFile(file, shot.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if !s.all {
		failed.Logf("screenshot: %s", file)
	}
}

// colorScheme emulates the system's colour scheme ("light" or "dark")
// and, with it, the media type ("" for the screen, or "print"). Motion is
// reduced, which turns transitions off: a page switched to another scheme
// shows its new colours at once.
func colorScheme(t *testing.T, b *Browser, media, scheme string) {
	t.Helper()
	_, err := chromedp.Call(b.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media: media,
		Features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: scheme},
			{Name: "prefers-reduced-motion", Value: "reduce"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// everyPage loads each page type at 1280 px and checks it, narrowed to
// 390 px, in the light and in the dark colour scheme. The page types are
// checked two at a time, in two tabs: a page load and axe-core are the
// slow parts.
func everyPage(t *testing.T, first *Browser, axe *Axe, site, dir string, shots *screenshots) {
	sizes := newWeigher(dir)
	tabs := make(chan *Browser, 2)
	tabs <- first
	tabs <- firstVisits(t, first.NewTab(t))
	t.Cleanup(func() {
		colorScheme(t, first, "", "light")
		first.Do(t, chromedp.EmulateViewport(1280, 900))
	})
	for _, p := range pageTypes {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			b := <-tabs
			defer func() { tabs <- b }()
			colorScheme(t, b, "", "light")
			b.Do(t, chromedp.EmulateViewport(1280, 900))
			b.Requests()
			b.ConsoleErrors()
			b.Do(t, chromedp.Navigate(site+p.path), chromedp.WaitVisible(chromedp.CSS("h1")))
			if p.name == "search" {
				results(t, b, "launch")
			} else {
				waitScripts(t, b)
			}
			if typ := Eval[string](t, b, `document.body.className`); typ != "type-"+p.typ {
				t.Fatalf("%s is of type %q, want %q: pick another page of that type", p.path, strings.TrimPrefix(typ, "type-"), p.typ)
			}
			weight := sameOrigin(t, site, b.Requests(), sizes)
			if weight.total > maxWeight {
				t.Errorf("the page transfers %.1f KB gzip-compressed (HTML, CSS, JS), want at most %d KB: %s", kb1(weight.total), maxWeight>>10, weight)
			}
			t.Logf("%-12s %5.1f KB gzip: %s", p.name, kb1(weight.total), weight)

			for _, width := range []int64{1280, 390} {
				t.Run(fmt.Sprint(width), func(t *testing.T) {
					wt := t
					colorScheme(t, b, "", "light")
					b.Do(t, chromedp.EmulateViewport(width, 900))
					nextFrame(t, b)
					noSidewaysScroll(t, b)
					menu(t, b, width)
					if width < 480 {
						tapTargets(t, b)
					}
					for _, scheme := range []string{"light", "dark"} {
						t.Run(scheme, func(t *testing.T) {
							colorScheme(t, b, "", scheme)
							if got := Eval[string](t, b, `getComputedStyle(document.documentElement).getPropertyValue("--scheme").trim()`); got != scheme {
								t.Errorf("the page is in the %s scheme, want %s", got, scheme)
							}
							// The dark scheme changes the colours of the page
							// seen in the light one, and nothing else: it is
							// checked with the rules about colours.
							var rules []string
							if scheme == "dark" {
								rules = AxeColourRules
							}
							for _, v := range axe.Check(t, b, rules...) {
								t.Errorf("axe: %s", v)
							}
							shots.take(t, wt, b, fmt.Sprintf("%s-%d-%s", p.name, width, scheme))
						})
					}
				})
			}
			for _, e := range b.ConsoleErrors() {
				// The 404 page is served with status 404, which Chromium logs.
				if p.name == "404" && strings.Contains(e, "404") {
					continue
				}
				t.Errorf("browser console: %s", e)
			}
		})
	}
}

// nextFrame waits until the page has drawn a frame, and with it reacted
// to a change of the window's size.
func nextFrame(t *testing.T, b *Browser) {
	t.Helper()
	if _, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// noSidewaysScroll fails t if the page is wider than the window, naming
// the elements that stick out.
func noSidewaysScroll(t *testing.T, b *Browser) {
	t.Helper()
	if !Eval[bool](t, b, `document.scrollingElement.scrollWidth > innerWidth`) {
		return
	}
	wide := Eval[[]string](t, b, `[...document.querySelectorAll("body *")]
		.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.parentElement.getBoundingClientRect().right <= innerWidth + 1)
		.slice(0, 5)
		.map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px")`)
	t.Errorf("the page is %d px wide in a %d px window: it scrolls sideways (sticking out: %s)",
		Eval[int](t, b, `document.scrollingElement.scrollWidth`), Eval[int](t, b, `innerWidth`), strings.Join(wide, ", "))
}

// menu checks that the sidebar is shown on a wide screen and is a menu
// behind a button on a phone.
func menu(t *testing.T, b *Browser, width int64) {
	t.Helper()
	shown := func(sel string) bool {
		return Eval[bool](t, b, `(() => {
			const e = document.querySelector(`+"`"+sel+"`"+`);
			if (!e || !e.checkVisibility({visibilityProperty: true})) return false;
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.right > 0 && r.left < innerWidth;
		})()`)
	}
	sidebar, button := shown("#sidebar"), shown("#menu-button")
	switch {
	case width < 768 && sidebar:
		t.Error("the sidebar is shown on a phone before the menu is opened")
	case width < 768 && !button:
		t.Error("no menu button on a phone")
	case width >= 768 && !sidebar:
		t.Error("the sidebar is not shown on a wide screen")
	case width >= 768 && button:
		t.Error("a menu button is shown on a wide screen, where the sidebar is")
	}
}

// tapTargets fails t for each control of the header, the navigation and
// the page's own controls that is smaller than 40 by 40 px. Links inside
// text are not tap targets of their own.
func tapTargets(t *testing.T, b *Browser) {
	t.Helper()
	small := Eval[[]string](t, b, `[...document.querySelectorAll(`+"`"+tapTargetSelector+"`"+`)]
		.filter(e => e.getClientRects().length > 0 && !e.closest(".visually-hidden, [hidden]"))
		.map(e => [e, e.getBoundingClientRect()])
		.filter(([e, r]) => r.height < 40 || r.width < 40)
		.map(([e, r]) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " " + JSON.stringify((e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30)) + " " + Math.round(r.width) + "×" + Math.round(r.height) + " px")`)
	for _, s := range small {
		t.Errorf("tap target under 40 px: %s", s)
	}
}

// tapTargetSelector selects the tap targets a phone reader uses to get
// around: everything in the header, the sidebar (measured even while the
// menu is closed), breadcrumbs, the tables of contents, pager and footer,
// and the buttons, fields and disclosure summaries of the page.
const tapTargetSelector = `.site-header :is(a, button, input), #sidebar :is(a, button), .breadcrumbs a,
	.toc-inline :is(summary, a), .pager a, .view-pager a, .view-pager-note a, .page-meta a, .site-footer a,
	main :is(button, select, input:not([type="checkbox"], [type="radio"]), summary, label:has(> input))`

// weight is what a page transfers, gzip-compressed, by kind.
type weight struct {
	total, html, css, js int
	other                []string // requested files counted out: images, data
}

func (w weight) String() string {
	s := fmt.Sprintf("HTML %.1f + CSS %.1f + JS %.1f KB", kb1(w.html), kb1(w.css), kb1(w.js))
	if len(w.other) > 0 {
		s += "; also " + strings.Join(w.other, ", ")
	}
	return s
}

func kb1(n int) float64 { return float64(n) / 1024 }

// A weigher gives the gzip-compressed size of the built files, by URL
// path, as the test server would serve them.
type weigher struct {
	dir   string
	mu    sync.Mutex
	sizes map[string]int
}

func newWeigher(dir string) *weigher { return &weigher{dir: dir, sizes: map[string]int{}} }

// file maps a URL path to the file served for it.
func (w *weigher) file(p string) string {
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	f := filepath.Join(w.dir, filepath.FromSlash(p))
	if _, err := os.Stat(f); err != nil {
		return filepath.Join(w.dir, "404.html")
	}
	return f
}

func (w *weigher) gzipped(t *testing.T, file string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if n, ok := w.sizes[file]; ok {
		return n
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(data)
	z.Close()
	w.sizes[file] = buf.Len()
	return buf.Len()
}

// sameOrigin fails t for each request to another origin than site, and
// returns the weight of the requests.
func sameOrigin(t *testing.T, site string, reqs []string, w *weigher) weight {
	t.Helper()
	var wt weight
	seen := map[string]bool{}
	for _, r := range reqs {
		u, err := url.Parse(r)
		if err != nil {
			t.Errorf("request to %q: %v", r, err)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Scheme+"://"+u.Host != site {
			t.Errorf("request to another origin: %s", r)
			continue
		}
		f := w.file(u.Path)
		if seen[f] {
			continue
		}
		seen[f] = true
		n := w.gzipped(t, f)
		switch path.Ext(f) {
		case ".html":
			wt.html += n
		case ".css":
			wt.css += n
		case ".js":
			wt.js += n
		default:
			wt.other = append(wt.other, fmt.Sprintf("%s %.1f KB", path.Base(u.Path), kb1(n)))
			continue
		}
		wt.total += n
	}
	if wt.html == 0 {
		t.Errorf("no HTML among the requests %v", reqs)
	}
	return wt
}

// darkTokens checks that the dark theme chosen with the toggle and the
// dark theme of the system give every token the same value: tokens.css
// writes the dark values twice.
func darkTokens(t *testing.T, b *Browser, site string) {
	defer colorScheme(t, b, "", "light")
	tokens := `(() => {
		const s = getComputedStyle(document.documentElement), out = {};
		for (const sheet of document.styleSheets)
			for (const r of sheet.cssRules)
				for (const rule of [r, ...(r.cssRules || [])])
					if (rule.style) for (const n of rule.style) if (n.startsWith("--")) out[n] = s.getPropertyValue(n).trim();
		return out;
	})()`
	b.Do(t, chromedp.Navigate(site+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	colorScheme(t, b, "", "light")
	light := Eval[map[string]string](t, b, tokens)
	colorScheme(t, b, "", "dark")
	system := Eval[map[string]string](t, b, tokens)
	colorScheme(t, b, "", "light")
	Eval[bool](t, b, `(document.documentElement.setAttribute("data-theme", "dark"), true)`)
	chosen := Eval[map[string]string](t, b, tokens)
	Eval[bool](t, b, `(document.documentElement.removeAttribute("data-theme"), true)`)

	if len(light) < 20 || system["--scheme"] != "dark" || light["--scheme"] != "light" {
		t.Fatalf("read %d tokens, --scheme %q in light and %q in dark", len(light), light["--scheme"], system["--scheme"])
	}
	differ := 0
	for n, v := range system {
		if chosen[n] != v {
			t.Errorf("%s is %s in the system's dark theme, %s in the dark theme chosen with the toggle", n, v, chosen[n])
		}
		if light[n] != v {
			differ++
		}
	}
	if differ < 10 {
		t.Errorf("only %d tokens differ between the light and the dark theme", differ)
	}
}

// statusTones are the elements that show a status on the KPI, freshness
// and roadmap pages, by the status colour they must be drawn in: the text
// in the token, its frame in the token's -border variant.
var statusTones = []struct{ text, border, token string }{
	{".badge-ok, .count-good .count-n, .rm-status-done", ".badge-ok, .tone-ok, .count-good, .rm-done, .board-done", "--ok"},
	{".badge-warn, .kpi-stale, .count-warn .count-n", ".badge-warn, .kpi-stale, .tone-warn, .count-warn", "--warn"},
	{".badge-bad, .count-bad .count-n, tr[data-status=overdue] [data-days]", ".badge-bad, .tone-bad, .count-bad", "--bad"},
	{".badge-neutral, .count-neutral .count-n", ".badge-neutral, .tone-neutral, .count-neutral", "--neutral"},
}

// statusColours checks that a status has the same colour everywhere, in
// both schemes, and is never shown by colour alone: each element that
// shows one has text.
func statusColours(t *testing.T, b *Browser, site string) {
	defer colorScheme(t, b, "", "light")
	type wrong struct{ El, Got, Want string }
	for _, p := range []string{"/kpis/", "/kpis/customer-health/", "/freshness/", "/roadmap/growth/"} {
		b.Do(t, chromedp.Navigate(site+p), chromedp.WaitVisible(chromedp.CSS("h1")))
		for _, scheme := range []string{"light", "dark"} {
			colorScheme(t, b, "", scheme)
			n := 0
			for _, tone := range statusTones {
				var bad []wrong
				check := func(sel, prop, token string) {
					res := Eval[struct {
						N     int
						Wrong []wrong
					}](t, b, fmt.Sprintf(`(() => {
						const probe = document.createElement("span");
						probe.style.color = "var(%s)";
						document.body.append(probe);
						const want = getComputedStyle(probe).color;
						probe.remove();
						const els = [...document.querySelectorAll(%q)].filter(e => e.checkVisibility());
						// A frame's colour is on its widest side.
						const side = e => %q === "color" ? "color" : ["Top", "Left", "Right", "Bottom"]
							.map(s => ["border" + s + "Color", parseFloat(getComputedStyle(e)["border" + s + "Width"])])
							.reduce((a, b) => b[1] > a[1] ? b : a)[0];
						return {n: els.length, wrong: els
							.filter(e => getComputedStyle(e)[side(e)] !== want || !e.closest("li, tr, div, span").textContent.trim())
							.map(e => ({el: e.outerHTML.slice(0, 80), got: getComputedStyle(e)[side(e)] + " " + JSON.stringify(e.textContent.trim().slice(0, 20)), want}))};
					})()`, token, sel, prop))
					n += res.N
					bad = append(bad, res.Wrong...)
				}
				check(tone.text, "color", tone.token)
				check(tone.border, "border", tone.token+"-border")
				for _, w := range bad {
					t.Errorf("%s, %s: %s has %s, want %s (%s)", p, scheme, w.El, w.Got, w.Want, tone.token)
				}
			}
			if n == 0 {
				t.Errorf("%s, %s: no status shown", p, scheme)
			}
		}
	}
}

// keyboard presses Tab through the controls of a few pages: the skip
// link comes first and works, every control is reached, each one is
// visible and not hidden under the sticky header when focused, and shows
// a focus ring that it does not show otherwise.
func keyboard(t *testing.T, b *Browser, site string) {
	for _, p := range []struct{ name, path string }{
		{"home", "/"}, {"playbook", playbookPg}, {"kpis", "/kpis/"}, {"search", "/search/?q=launch"},
	} {
		t.Run(p.name, func(t *testing.T) {
			b.Do(t, chromedp.Navigate(site+p.path), chromedp.WaitVisible(chromedp.CSS("h1")))
			if p.name == "search" {
				results(t, b, "launch")
			} else {
				waitScripts(t, b)
			}
			tabThrough(t, b)
		})
	}
	t.Run("skip link", func(t *testing.T) {
		b.Do(t, chromedp.Navigate(site+playbookPg), chromedp.WaitVisible(chromedp.CSS("h1")))
		waitScripts(t, b)
		b.Do(t, chromedp.KeyEvent(kb.Tab))
		if got := Eval[string](t, b, `document.activeElement.className`); got != "skip-link" {
			t.Fatalf("the first Tab focuses %q, want the skip link", got)
		}
		b.Do(t, chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
		if !Eval[bool](t, b, `!!document.activeElement.closest("main")`) {
			t.Errorf("after the skip link, Tab focuses %s, want a control of the main content",
				Eval[string](t, b, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	})
	t.Run("theme toggle", func(t *testing.T) {
		b.Do(t, chromedp.Navigate(site+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
		waitScripts(t, b)
		for i := 0; i < 10 && Eval[string](t, b, `document.activeElement.id`) != "theme-toggle"; i++ {
			b.Do(t, chromedp.KeyEvent(kb.Tab))
		}
		theme := func() string { return Eval[string](t, b, `document.documentElement.dataset.theme || ""`) }
		b.Do(t, chromedp.KeyEvent(" "))
		if got := theme(); got != "dark" {
			t.Errorf("Space on the theme toggle sets data-theme %q, want dark", got)
		}
		b.Do(t, chromedp.KeyEvent(kb.Enter))
		if got := theme(); got != "" {
			t.Errorf("Enter on the theme toggle sets data-theme %q, want the system's theme again", got)
		}
	})
}

// tabThrough presses Tab until the focus leaves the page, checking each
// control on the way, then fails t for each control it never reached.
func tabThrough(t *testing.T, b *Browser) {
	t.Helper()
	Eval[bool](t, b, `(window.__tab = {seen: new Set(), prev: null, ring: ""}, true)`)
	type step struct {
		End              bool
		El, NoRing       string
		Hidden, Obscured bool
	}
	const most = 400
	n := 0
	for ; n < most; n++ {
		b.Do(t, chromedp.KeyEvent(kb.Tab))
		s := Eval[step](t, b, tabStep)
		if s.NoRing != "" {
			t.Errorf("%s shows no focus ring: it looks the same focused and not", s.NoRing)
		}
		if s.End {
			break
		}
		first := n == 0
		if first && !strings.Contains(s.El, "skip-link") {
			t.Errorf("the first Tab focuses %s, want the skip link", s.El)
		}
		if s.Hidden {
			t.Errorf("focused but not visible: %s", s.El)
		} else if s.Obscured {
			t.Errorf("focused but hidden under another element: %s", s.El)
		}
	}
	if n == most {
		t.Errorf("the focus is still in the page after %d presses of Tab: a keyboard trap, or too many controls", most)
	}
	t.Logf("%d controls", n)
	for _, e := range Eval[[]string](t, b, unreached) {
		t.Errorf("not reachable with Tab: %s", e)
	}
}

// tabStep looks at the element Tab focused and at the one it left. A
// focus ring is an outline or a shadow on the element or one of its
// three nearest ancestors (a card outlines itself when its link has the
// focus), or a change of its background or border.
const tabStep = `(() => {
	const k = window.__tab;
	const describe = e => {
		const s = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
		return s + " " + JSON.stringify((e.textContent || e.value || e.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40));
	};
	const ring = e => {
		const out = [];
		for (let a = e, i = 0; a && i < 4; a = a.parentElement, i++) {
			const s = getComputedStyle(a);
			out.push(s.outlineStyle === "none" ? "" : s.outlineStyle + s.outlineWidth + s.outlineColor, s.boxShadow);
			if (i === 0) out.push(s.backgroundColor, s.borderColor);
		}
		return out.join("|");
	};
	const res = {end: false, el: "", noRing: "", hidden: false, obscured: false};
	if (k.prev && ring(k.prev) === k.ring) res.noRing = describe(k.prev);
	k.prev = null;
	const el = document.activeElement;
	if (!el || el === document.body || k.seen.has(el)) { res.end = true; return res; }
	k.seen.add(el);
	k.prev = el;
	k.ring = ring(el);
	res.el = describe(el);
	const r = el.getBoundingClientRect();
	if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || r.width < 1 || r.height < 1 ||
		r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) {
		res.hidden = true;
		return res;
	}
	const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
	const hit = document.elementFromPoint(x, y);
	res.obscured = !!hit && hit !== el && !el.contains(hit) && !hit.contains(el);
	return res;
})()`

// unreached lists the visible controls that Tab did not reach (of a
// group of radio buttons, one is enough).
const unreached = `(() => {
	const k = window.__tab;
	const groups = new Set([...k.seen].filter(e => e.type === "radio").map(e => e.name));
	return [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
		.filter(e => !e.disabled && !e.closest("[inert]") && e.checkVisibility({visibilityProperty: true}) && e.getClientRects().length > 0)
		.filter(e => !k.seen.has(e) && !(e.type === "radio" && groups.has(e.name)))
		.map(e => e.outerHTML.slice(0, 100));
})()`

// readableWithoutScript checks that with JavaScript off the content of a
// playbook and of a KPI page is there and shown.
func readableWithoutScript(t *testing.T, b *Browser, site string) {
	defer b.WithoutScripts(t)()
	for _, p := range []struct{ path, content string }{
		{playbookPg, ".prose > :is(p, ul, ol, h2, h3, .table-wrap, .alert)"},
		{"/kpis/customer-health/", ".prose > :is(p, ul, ol, h2, h3), #kpi-table tbody tr, .kpi-status"},
	} {
		b.Do(t, chromedp.Navigate(site+p.path), chromedp.WaitVisible(chromedp.CSS("h1")))
		type block struct {
			N, Hidden int
			First     string
		}
		got := Eval[block](t, b, `(() => {
			const all = [...document.querySelectorAll(`+"`"+p.content+"`"+`)];
			const hidden = all.filter(e => !e.checkVisibility({opacityProperty: true, visibilityProperty: true}) || !e.innerText.trim());
			return {n: all.length, hidden: hidden.length, first: hidden.length ? hidden[0].outerHTML.slice(0, 100) : ""};
		})()`)
		if got.N < 5 {
			t.Errorf("%s: without JavaScript, %d blocks of content (%s), want the page's text", p.path, got.N, p.content)
		}
		if got.Hidden > 0 {
			t.Errorf("%s: without JavaScript, %d of %d blocks of content are not shown, the first %s", p.path, got.Hidden, got.N, got.First)
		}
		if !Eval[bool](t, b, `document.querySelector("main h1").checkVisibility({opacityProperty: true, visibilityProperty: true})`) {
			t.Errorf("%s: without JavaScript, the title is not shown", p.path)
		}
	}
}

// printed checks a playbook and a lesson in print, with one task ticked:
// no navigation, search or controls; the target of every link written
// after it; the ticked box printed differently from the empty ones.
func printed(t *testing.T, b *Browser, site string) {
	for _, p := range []string{playbookPg, course + "shadow-customer-calls/"} {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			colorScheme(t, b, "", "light")
			open(t, b, site+p)
			click(t, b, `input[data-task="0"]`)
			colorScheme(t, b, "print", "light")
			defer colorScheme(t, b, "", "light")

			for _, sel := range []string{".skip-link", ".site-header", "#site-search", "#sidebar", ".toc", ".toc-inline", ".breadcrumbs", ".pager", ".site-footer", ".edit-link", "[data-reset]", "[data-complete]"} {
				if Eval[bool](t, b, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].some(e => e.checkVisibility({visibilityProperty: true}))`) {
					t.Errorf("%s is printed", sel)
				}
			}

			type link struct{ Href, After string }
			links := Eval[[]link](t, b, `[...document.querySelectorAll("main a[href]:not([href^='#'])")]
				.filter(a => a.checkVisibility({visibilityProperty: true}))
				.map(a => ({href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content}))`)
			if len(links) == 0 {
				t.Fatal("no link to another page is printed; the test needs one")
			}
			for _, l := range links {
				if !strings.Contains(l.After, l.Href) {
					t.Errorf("the link to %s is printed without its target (::after is %s)", l.Href, l.After)
				}
			}

			type box struct {
				Shown, Checked bool
				Look, Adjust   string
			}
			boxes := Eval[[]box](t, b, `[...document.querySelectorAll("main input[data-task]")].map(e => {
				const s = getComputedStyle(e), tick = getComputedStyle(e, "::before");
				return {shown: e.checkVisibility({visibilityProperty: true}), checked: e.checked,
					look: [s.backgroundColor, s.borderColor, tick.content, tick.borderColor].join(" "), adjust: s.printColorAdjust};
			})`)
			if len(boxes) < 2 || !boxes[0].Checked {
				t.Fatalf("%d task boxes, the first ticked: %v; the test needs a ticked one and an empty one", len(boxes), boxes)
			}
			for i, bx := range boxes {
				if !bx.Shown {
					t.Errorf("task box %d is not printed", i)
				}
				if bx.Adjust != "exact" {
					t.Errorf("task box %d prints with print-color-adjust %s: its fill would be dropped", i, bx.Adjust)
				}
				if i > 0 && !bx.Checked && bx.Look == boxes[0].Look {
					t.Errorf("task box %d, empty, prints like the ticked one (%s)", i, bx.Look)
				}
			}
		})
	}
}
