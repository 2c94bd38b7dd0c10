package browsertest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/opsdocs/opsdocs/generator"
)

// TestRelativeFromDisk opens a site built with relative URLs straight from
// disk, as someone who was handed the folder would: the styles apply,
// the sidebar leads to the next page, and the search box finds a page
// and opens it.
func TestRelativeFromDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "portal")
	buildDemoWith(t, dir, generator.Options{RelativeURLs: true})
	root := "file://" + filepath.ToSlash(dir) + "/"
	b := New(t, 1280, 900)

	open(t, b, root+"playbooks/launch-readiness/index.html")
	if ok := Eval[string](t, b, `getComputedStyle(document.documentElement).getPropertyValue("--ok").trim()`); ok == "" {
		t.Error("from disk, the style sheets did not load (no --ok colour token)")
	}
	b.Do(t, chromedp.Click(chromedp.CSS(`#sidebar a[href="../quarterly-planning/index.html"]`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got, want := Eval[string](t, b, `location.href`), root+"playbooks/quarterly-planning/index.html"; got != want {
		t.Errorf("the sidebar link opened %s, want %s", got, want)
	}

	b.Do(t, chromedp.Click(chromedp.ID("search-input")), chromedp.KeyEvent("gloss"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)))
	href := Eval[string](t, b, `document.querySelector("#search-listbox a").href`)
	if page, _, _ := strings.Cut(href, "#"); page != root+"team/glossary/index.html" {
		t.Errorf("the first search result from disk links to %s", href)
	}
	b.Do(t, chromedp.Click(chromedp.CSS("#search-listbox a")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1 := Eval[string](t, b, `document.querySelector("h1").textContent.trim()`); h1 != "Glossary" {
		t.Errorf("the search result opened %q, want the glossary", h1)
	}
	b.NoConsoleErrors(t)
}
