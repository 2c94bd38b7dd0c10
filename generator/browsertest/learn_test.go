package browsertest

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	course     = "/onboarding/new-pm/"
	playbookPg = "/playbooks/launch-readiness/"
)

// open loads a page of the site and waits for its deferred scripts.
func open(t *testing.T, b *Browser, u string) {
	t.Helper()
	b.Do(t, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("h1")))
	waitScripts(t, b)
}

func waitScripts(t *testing.T, b *Browser) {
	t.Helper()
	// Deferred scripts run before DOMContentLoaded, which the navigation
	// waits for; a short pause lets late event handlers settle.
	b.Do(t, chromedp.Sleep(50*time.Millisecond))
}

func reload(t *testing.T, b *Browser) {
	t.Helper()
	b.Do(t, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("h1")))
	waitScripts(t, b)
}

func click(t *testing.T, b *Browser, sel string) {
	t.Helper()
	b.Do(t, chromedp.ScrollIntoView(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// TestLearning drives curricula, lessons, playbooks and the freshness
// pages of the demo portal in one browser, as a reader would, one part
// after the other: a browser and a build are the slow part of a test.
func TestLearning(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)
	t.Run("lesson progress", func(t *testing.T) { lessonProgress(t, b, site) })
	t.Run("playbook checklist", func(t *testing.T) { playbookChecklist(t, b, site) })
	t.Run("freshness", func(t *testing.T) { freshnessPages(t, b, site) })
	t.Run("phone", func(t *testing.T) { onPhone(t, b, site) })
	t.Run("without script", func(t *testing.T) { withoutScript(t, b, site) })
	t.Run("file URLs", func(t *testing.T) { fromFiles(t, b) })
}

// courseState is what the curriculum page shows of the reader's progress.
type courseState struct {
	Value, Max    int
	Text          string
	Continue      string // the path the Continue link goes to
	ContinueLabel string
	Shown         bool // the progress bar is visible
	Done          []string
}

func readCourse(t *testing.T, b *Browser) courseState {
	t.Helper()
	return Eval[courseState](t, b, `(() => {
		const bar = document.querySelector(".course progress"), box = document.querySelector("[data-progress]");
		const a = document.querySelector("[data-continue]");
		return {
			Value: bar.value, Max: bar.max,
			Text: document.querySelector("[data-progress-text]").textContent.trim(),
			Continue: new URL(a.href).pathname,
			ContinueLabel: a.textContent.replace(/\s+/g, " ").trim(),
			Shown: !box.hidden && box.getBoundingClientRect().height > 0,
			Done: [...document.querySelectorAll(".lesson-item.is-done")].map(li => li.querySelector("a").pathname),
		};
	})()`)
}

func checked(t *testing.T, b *Browser) []int {
	t.Helper()
	return Eval[[]int](t, b, `[...document.querySelectorAll("input[data-task]")].filter(b => b.checked).map(b => +b.dataset.task)`)
}

// lessonProgress follows a reader through the demo curriculum: ticks in
// a lesson's checklist and "Mark as complete" survive a reload, the
// curriculum page's progress bar and Continue link follow them, and Reset
// (with its Undo) clears them.
func lessonProgress(t *testing.T, b *Browser, site string) {

	open(t, b, site+course)
	lessons := Eval[[]string](t, b, `[...document.querySelectorAll(".lesson-item a")].map(a => a.pathname)`)
	if len(lessons) < 3 {
		t.Fatalf("curriculum lists %d lessons, want at least 3: %v", len(lessons), lessons)
	}
	n := len(lessons)
	st := readCourse(t, b)
	if !st.Shown || st.Value != 0 || st.Max != n || st.Text != fmt.Sprintf("0 of %d lessons done", n) {
		t.Errorf("fresh progress = %+v, want a visible bar at 0 of %d", st, n)
	}
	if st.Continue != lessons[0] || !strings.HasPrefix(st.ContinueLabel, "Start") {
		t.Errorf("fresh Continue = %q to %s, want Start to %s", st.ContinueLabel, st.Continue, lessons[0])
	}

	// A task ticked on the first lesson stays ticked after a reload.
	open(t, b, site+lessons[0])
	if n := Eval[int](t, b, `document.querySelectorAll("input[data-task]:not(:disabled)").length`); n < 2 {
		t.Fatalf("lesson %s has %d enabled task boxes, want at least 2", lessons[0], n)
	}
	if name := Eval[string](t, b, `document.querySelector('input[data-task="1"]').closest("label")?.textContent.trim() || ""`); name == "" {
		t.Error("task box has no label")
	}
	click(t, b, `input[data-task="1"]`)
	if got := checked(t, b); fmt.Sprint(got) != "[1]" {
		t.Fatalf("after a click, ticked boxes = %v, want [1]", got)
	}
	reload(t, b)
	if got := checked(t, b); fmt.Sprint(got) != "[1]" {
		t.Errorf("after a reload, ticked boxes = %v, want [1]", got)
	}

	// Mark as complete: pressed, remembered, and counted on the curriculum.
	pressed := `[...document.querySelectorAll("[data-complete]")].map(b => b.getAttribute("aria-pressed")).join(",")`
	if got := Eval[string](t, b, pressed); got != "false,false" {
		t.Errorf("before marking, aria-pressed = %q, want false on both buttons", got)
	}
	click(t, b, `[data-complete]`)
	if got := Eval[string](t, b, pressed); got != "true,true" {
		t.Errorf("after marking, aria-pressed = %q, want true on both buttons", got)
	}
	reload(t, b)
	if got := Eval[string](t, b, pressed); got != "true,true" {
		t.Errorf("after a reload, aria-pressed = %q, want true", got)
	}
	open(t, b, site+course)
	st = readCourse(t, b)
	if st.Value != 1 || st.Text != fmt.Sprintf("1 of %d lessons done", n) {
		t.Errorf("after one lesson, progress = %d, %q; want 1, \"1 of %d lessons done\"", st.Value, st.Text, n)
	}
	if st.Continue != lessons[1] || !strings.HasPrefix(st.ContinueLabel, "Continue where you left off") {
		t.Errorf("after one lesson, Continue = %q to %s, want Continue where you left off to %s", st.ContinueLabel, st.Continue, lessons[1])
	}
	if fmt.Sprint(st.Done) != fmt.Sprint([]string{lessons[0]}) {
		t.Errorf("lessons marked done = %v, want %v", st.Done, lessons[:1])
	}

	// Later lessons say of each prerequisite whether it is done, in words.
	seen := map[string]bool{}
	for _, l := range lessons[2:] {
		open(t, b, site+l)
		states := Eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll(".prereq")].map(li => [li.querySelector("a").pathname, li.querySelector("[data-state]").textContent.trim()]))`)
		for page, state := range states {
			want := "Not done"
			if page == lessons[0] {
				want = "Done"
			}
			if state != want {
				t.Errorf("on %s, prerequisite %s shows %q, want %q", l, page, state, want)
			}
			seen[want] = true
		}
		if seen["Done"] && seen["Not done"] {
			break
		}
	}
	if !seen["Done"] || !seen["Not done"] {
		t.Errorf("no lesson shows both a done and a not-done prerequisite (seen %v); the demo curriculum should", seen)
	}
	// Un-marking a lesson takes it off again.
	open(t, b, site+lessons[1])
	click(t, b, `[data-complete]`)
	click(t, b, `[data-complete]`)
	if got := Eval[string](t, b, pressed); got != "false,false" {
		t.Errorf("after marking twice, aria-pressed = %q, want false", got)
	}

	// Reset clears the curriculum; Undo brings it back; a second Reset sticks.
	open(t, b, site+course)
	click(t, b, `[data-reset]`)
	st = readCourse(t, b)
	if st.Value != 0 || st.Continue != lessons[0] || !strings.HasPrefix(st.ContinueLabel, "Start") || len(st.Done) != 0 {
		t.Errorf("after Reset, progress = %+v, want 0 and Start at %s", st, lessons[0])
	}
	click(t, b, `[data-undo]`)
	if st = readCourse(t, b); st.Value != 1 {
		t.Errorf("after Undo, progress = %d, want 1", st.Value)
	}
	click(t, b, `[data-reset]`)
	reload(t, b)
	if st = readCourse(t, b); st.Value != 0 {
		t.Errorf("after Reset and a reload, progress = %d, want 0", st.Value)
	}
	open(t, b, site+lessons[0])
	if got := checked(t, b); len(got) != 0 {
		t.Errorf("after Reset, the lesson's ticked boxes = %v, want none", got)
	}
	if got := Eval[string](t, b, pressed); got != "false,false" {
		t.Errorf("after Reset, the lesson's aria-pressed = %q, want false", got)
	}
	b.NoConsoleErrors(t)
}

// playbookChecklist checks that a playbook's summary panel is there and
// that its checklist is kept and reset.
func playbookChecklist(t *testing.T, b *Browser, site string) {
	open(t, b, site+playbookPg)

	summary := Eval[string](t, b, `document.querySelector(".playbook-summary")?.innerText.replace(/\s+/g, " ") || ""`)
	for _, want := range []string{"When to use", "Owner product-ops", "Duration 2 weeks", "Responsible pm", "Accountable head-of-product", "Launch brief"} {
		if !strings.Contains(strings.ToLower(summary), strings.ToLower(want)) {
			t.Errorf("playbook summary lacks %q: %s", want, summary)
		}
	}
	if href := Eval[string](t, b, `document.querySelector(".template-link")?.pathname || ""`); href != "/templates/launch-brief/" {
		t.Errorf("template link goes to %q, want /templates/launch-brief/", href)
	}
	total := Eval[int](t, b, `document.querySelectorAll("input[data-task]").length`)
	count := func() string {
		return Eval[string](t, b, `document.querySelector("[data-checklist-count]").textContent.trim()`)
	}
	if got, want := count(), fmt.Sprintf("0 of %d checklist items ticked", total); got != want {
		t.Errorf("checklist count = %q, want %q", got, want)
	}
	click(t, b, `input[data-task="0"]`)
	click(t, b, `input[data-task="2"]`)
	reload(t, b)
	if got := checked(t, b); fmt.Sprint(got) != "[0 2]" {
		t.Errorf("after a reload, ticked boxes = %v, want [0 2]", got)
	}
	if got, want := count(), fmt.Sprintf("2 of %d checklist items ticked", total); got != want {
		t.Errorf("checklist count = %q, want %q", got, want)
	}
	click(t, b, `[data-reset]`)
	reload(t, b)
	if got := checked(t, b); len(got) != 0 {
		t.Errorf("after Reset checklist and a reload, ticked boxes = %v, want none", got)
	}
	b.NoConsoleErrors(t)
}

// freshnessPages checks the /freshness/ report's order and the banner
// of an overdue page.
func freshnessPages(t *testing.T, b *Browser, site string) {
	open(t, b, site+"/freshness/")

	type row struct {
		Status, Days, Page string
		Badge              string
	}
	type group struct {
		Owner string
		Rows  []row
	}
	groups := Eval[[]group](t, b, `[...document.querySelectorAll(".owner-group")].map(g => ({
		Owner: g.dataset.owner,
		Rows: [...g.querySelectorAll("tbody tr")].map(tr => ({
			Status: tr.dataset.status, Days: tr.querySelector("[data-days]").textContent.trim(),
			Page: tr.querySelector("a").pathname, Badge: tr.querySelector(".badge").textContent.trim(),
		})),
	}))`)
	rank := map[string]int{"never-reviewed": 0, "overdue": 1, "due-soon": 2, "fresh": 3}
	label := map[string]string{"never-reviewed": "Never reviewed", "overdue": "Overdue", "due-soon": "Due soon", "fresh": "Fresh"}
	var overdue *row
	var owner string
	for _, g := range groups {
		lastRank, lastDays := -1, 1<<30
		for i, r := range g.Rows {
			rk, ok := rank[r.Status]
			if !ok {
				t.Errorf("%s: row %d has status %q", g.Owner, i, r.Status)
				continue
			}
			if r.Badge != label[r.Status] {
				t.Errorf("%s: %s badge says %q, want %q", g.Owner, r.Page, r.Badge, label[r.Status])
			}
			if rk < lastRank {
				t.Errorf("%s: %s (%s) listed after a less urgent page", g.Owner, r.Page, r.Status)
			}
			if r.Status == "overdue" {
				var d int
				if _, err := fmt.Sscanf(r.Days, "%d day", &d); err != nil {
					t.Errorf("%s: overdue %s says %q, want the days overdue", g.Owner, r.Page, r.Days)
				}
				if rk == lastRank && d > lastDays {
					t.Errorf("%s: %s is %d days overdue, listed after one less overdue", g.Owner, r.Page, d)
				}
				lastDays = d
				if overdue == nil {
					overdue, owner = &r, g.Owner
				}
			}
			lastRank = rk
		}
	}
	if overdue == nil {
		t.Fatalf("no overdue page on /freshness/ (groups: %+v); the demo portal should have one", groups)
	}

	// The overdue page says so at its top, with the owner and the days.
	open(t, b, site+overdue.Page)
	banner := Eval[string](t, b, `(() => { const e = document.querySelector(".review-banner"); return e ? e.getAttribute("role") + ": " + e.textContent.replace(/\s+/g, " ") : ""; })()`)
	if !strings.HasPrefix(banner, "note: ") || !strings.Contains(banner, "days ago") || !strings.Contains(banner, "Owner: "+owner) {
		t.Errorf("overdue page %s banner = %q, want a note with the days since review and owner %s", overdue.Page, banner, owner)
	}
	if top := Eval[bool](t, b, `document.querySelector(".review-banner").getBoundingClientRect().top < document.querySelector("h1").getBoundingClientRect().bottom`); !top {
		t.Error("overdue banner is not at the top of the page")
	}

	// A fresh page has no banner, and its review status in the page meta.
	for _, g := range groups {
		for _, r := range g.Rows {
			if r.Status != "fresh" {
				continue
			}
			open(t, b, site+r.Page)
			if Eval[bool](t, b, `!!document.querySelector(".review-banner")`) {
				t.Errorf("fresh page %s shows the overdue banner", r.Page)
			}
			if meta := Eval[string](t, b, `document.querySelector(".review-meta")?.textContent.replace(/\s+/g, " ").trim() || ""`); !strings.Contains(meta, "Fresh") || !strings.Contains(meta, "next review due") {
				t.Errorf("fresh page %s meta = %q, want its status and due date", r.Page, meta)
			}
			b.NoConsoleErrors(t)
			return
		}
	}
	t.Error("no fresh page on /freshness/")
}

// onPhone checks the new pages at 390 px: nothing scrolls
// sideways and every control is at least 40 px tall.
func onPhone(t *testing.T, b *Browser, site string) {
	b.Do(t, chromedp.EmulateViewport(390, 844))
	defer b.Do(t, chromedp.EmulateViewport(1280, 900))
	for _, p := range []string{course, course + "shadow-customer-calls/", playbookPg, "/playbooks/", "/freshness/", "/changes/", "/playbooks/sprint-review/"} {
		open(t, b, site+p)
		if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide at 390 px: it scrolls sideways", p, w)
		}
		small := Eval[[]string](t, b, `[...document.querySelectorAll("[data-complete], [data-reset], [data-continue], .task-label, .lesson-item, .prereq-link, .template-link, .data-table tbody a, .change-link")]
			.filter(e => e.getClientRects().length > 0)
			.map(e => [e, e.getBoundingClientRect().height])
			.filter(([e, h]) => h < 40)
			.map(([e, h]) => e.className + " " + JSON.stringify(e.textContent.trim().slice(0, 30)) + " " + Math.round(h) + "px")`)
		for _, s := range small {
			t.Errorf("%s: tap target under 40 px: %s", p, s)
		}
	}
	b.NoConsoleErrors(t)
}

// withoutScript checks that without JavaScript the content is
// there and the progress controls are not.
func withoutScript(t *testing.T, b *Browser, site string) {
	defer b.WithoutScripts(t)()
	visible := func(sel string) bool {
		return Eval[bool](t, b, `[...document.querySelectorAll(`+"`"+sel+"`"+`)].some(e => e.getClientRects().length > 0)`)
	}
	for _, p := range []string{course, course + "shadow-customer-calls/", playbookPg} {
		open(t, b, site+p)
		for _, sel := range []string{"[data-progress]", "[data-reset]", "[data-complete]", "[data-checklist]", "[data-state]"} {
			if visible(sel) {
				t.Errorf("%s: without script, %s is shown", p, sel)
			}
		}
		if n := Eval[int](t, b, `document.querySelectorAll("input[data-task]:not(:disabled)").length`); n != 0 {
			t.Errorf("%s: without script, %d task boxes can be ticked", p, n)
		}
		if !visible(".prose p") {
			t.Errorf("%s: without script, the body is not shown", p)
		}
	}
	open(t, b, site+course)
	if !visible("[data-continue]") {
		t.Error("without script, the curriculum has no link to its first lesson")
	}
}

// fromFiles opens the demo portal straight from disk (file://,
// built for its own folder as the base URL): progress is kept there too.
func fromFiles(t *testing.T, b *Browser) {
	dir := filepath.Join(t.TempDir(), "public")
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	buildDemoInto(t, dir, base)

	open(t, b, base+strings.TrimPrefix(course, "/")+"index.html")
	first := Eval[string](t, b, `document.querySelector(".lesson-item a").pathname`)
	open(t, b, "file://"+first+"index.html")
	if n := Eval[int](t, b, `document.querySelectorAll("input[data-task]:not(:disabled)").length`); n == 0 {
		t.Fatal("from file://, the lesson's task boxes cannot be ticked (did progress.js load?)")
	}
	click(t, b, `input[data-task="0"]`)
	click(t, b, `[data-complete]`)
	reload(t, b)
	if got := checked(t, b); fmt.Sprint(got) != "[0]" {
		t.Errorf("from file://, after a reload, ticked boxes = %v, want [0]", got)
	}
	open(t, b, base+strings.TrimPrefix(course, "/")+"index.html")
	if st := readCourse(t, b); st.Value != 1 {
		t.Errorf("from file://, progress = %d after one lesson, want 1", st.Value)
	}
	b.NoConsoleErrors(t)
}
