package curriculum

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opsdocs/opsdocs/generator/content/contenttest"
	"github.com/opsdocs/opsdocs/generator/diag"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]int{"30m": 30, "1h": 60, "1h30m": 90, "2h 15m": 135, "45min": 45, "90m": 90} {
		if got, ok := ParseDuration(in); !ok || got != want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "0m", "an hour", "1.5h", "30", "1d", "h"} {
		if _, ok := ParseDuration(bad); ok {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
	for n, want := range map[int]string{45: "45 min", 60: "1 h", 135: "2 h 15 min"} {
		if got := FormatMinutes(n); got != want {
			t.Errorf("FormatMinutes(%d) = %q, want %q", n, got, want)
		}
	}
}

// build makes a curriculum of the given lesson sources, keyed by path.
func build(t *testing.T, lessons map[string]string, d *diag.List) *Curriculum {
	t.Helper()
	head := contenttest.Page(t, "onboarding/_index.md", "---\ntitle: New PM\ntype: curriculum\naudience: New PMs\n---\n")
	var ls []*Lesson
	for p, src := range lessons {
		ls = append(ls, DecodeLesson(contenttest.Page(t, p, src), d))
	}
	return New(head, ls, d)
}

func TestOrderAndModules(t *testing.T) {
	var d diag.List
	c := build(t, map[string]string{
		"onboarding/setup.md":       "---\ntitle: Setup\nmodule: Week 1\norder: 1\nduration: 1h\n---\n",
		"onboarding/vision.md":      "---\ntitle: Vision\nmodule: Week 1\norder: 2\nduration: 1h30m\nprerequisites: [setup.md]\n---\n",
		"onboarding/calls.md":       "---\ntitle: Calls\nmodule: Week 2\norder: 3\nduration: 45m\noutcomes: [Explain churn]\n---\n",
		"onboarding/b-review.md":    "---\ntitle: Review B\nmodule: Week 1\norder: 4\nduration: 30m\n---\n",
		"onboarding/a-review.md":    "---\ntitle: Review A\nmodule: Week 3\norder: 4\n---\n",
		"onboarding/deep/extra.md":  "---\ntitle: Extra\nduration: 15m\nprerequisites: ../calls.md\n---\n",
		"onboarding/deep/aextra.md": "---\ntitle: Another extra\n---\n",
	}, &d)
	if s := d.String(); s != "" {
		t.Fatalf("diagnostics:\n%s", s)
	}
	var order []string
	for _, l := range c.Lessons {
		order = append(order, l.Title)
	}
	// By order, ties by title; lessons without an order last, by title.
	if got := strings.Join(order, ", "); got != "Setup, Vision, Calls, Review A, Review B, Another extra, Extra" {
		t.Errorf("order: %s", got)
	}
	var mods []string
	for _, m := range c.Modules {
		mods = append(mods, m.Name+"="+m.Time())
	}
	// Modules in the order of their first lesson.
	if got := strings.Join(mods, ", "); got != "Week 1=3 h, Week 2=45 min, Week 3=0 min, =15 min" {
		t.Errorf("modules: %s", got)
	}
	if c.Time() != "4 h" || c.Audience != "New PMs" {
		t.Errorf("total %s, audience %q", c.Time(), c.Audience)
	}
	calls := c.Lessons[2]
	if calls.Number != 3 || calls.Prev.Title != "Vision" || calls.Next.Title != "Review A" || calls.Outcomes[0] != "Explain churn" {
		t.Errorf("calls: %+v", calls)
	}
	extra := c.Lessons[6]
	if len(extra.Prerequisites) != 1 || extra.Prerequisites[0] != calls || extra.Next != nil {
		t.Errorf("extra: %+v", extra)
	}

	data, _ := json.Marshal(ToJSON([]*Curriculum{c}, "/ops"))
	want := `{"page":"/ops/onboarding/vision/","title":"Vision","module":"Week 1","order":2,"duration_minutes":90,"prerequisites":["/ops/onboarding/setup/"]}`
	if !strings.Contains(string(data), want) || !strings.HasPrefix(string(data), `[{"page":"/ops/onboarding/","title":"New PM","audience":"New PMs","duration_minutes":240,"lessons":[`) {
		t.Errorf("JSON:\n%s", data)
	}
}

func TestErrors(t *testing.T) {
	var d diag.List
	build(t, map[string]string{
		"onboarding/a.md": "---\ntitle: A\norder: 1\nduration: an hour\nprerequisites: [missing.md, ../elsewhere.md]\n---\n",
		"onboarding/b.md": "---\ntitle: B\norder: 2\nprerequisites:\n  - d.md\n---\n",
		"onboarding/c.md": "---\ntitle: C\norder: 3\nprerequisites: [b.md]\n---\n",
		"onboarding/d.md": "---\ntitle: D\norder: 4\nprerequisites: [c.md]\n---\n",
		"onboarding/e.md": "---\ntitle: E\norder: x\nprerequisites: [{a: b}, e.md]\n---\n",
	}, &d)
	want := `content/onboarding/a.md:4:11: error: duration "an hour" is not understood: write minutes and hours such as 30m, 1h or 1h30m
content/onboarding/a.md:5:17: error: prerequisite missing.md is not a lesson of the curriculum "New PM": give the path of another lesson in onboarding/, relative to this page
content/onboarding/a.md:5:29: error: prerequisite ../elsewhere.md is not a lesson of the curriculum "New PM": give the path of another lesson in onboarding/, relative to this page
content/onboarding/b.md:5:5: error: prerequisites form a cycle: "B" needs "D", which needs "C", which needs "B": remove one of these prerequisites
content/onboarding/b.md:5:5: warning: prerequisite "D" is lesson 4, after this lesson (2): give it a lower order
content/onboarding/e.md:3:8: error: order: "x" is not a whole number
content/onboarding/e.md:4:17: error: prerequisites: each item must be the path of a lesson, such as product-vision.md
content/onboarding/e.md:4:25: error: prerequisite e.md is this lesson itself: remove it
`
	if got := d.String(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
