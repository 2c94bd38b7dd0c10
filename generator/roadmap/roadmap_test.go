package roadmap

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opsdocs/opsdocs/generator/content/contenttest"
	"github.com/opsdocs/opsdocs/generator/diag"
)

const growth = `---
title: Growth roadmap
type: roadmap
team: Growth
period: 2026-H1
items:
  - title: Checklist
    status: now
    quarter: 2026-Q1
    owner: maria
    theme: Activation
    confidence: high
    link: ../playbooks/launch.md
    description: Five **steps**
  - title: Pricing
    status: Next
    quarter: 2026-Q2
    theme: Monetisation
  - title: Mobile web
    status: later
  - title: Old idea
    status: dropped
  - title: Shipped
    status: done
    quarter: 2025-Q4
    theme: Activation
---
`

func TestDecode(t *testing.T) {
	var d diag.List
	r := Decode(contenttest.Page(t, "roadmap/growth.md", growth), &d)
	if s := d.String(); s != "" {
		t.Fatalf("diagnostics:\n%s", s)
	}
	if r.Team != "Growth" || r.Period != "2026-H1" || len(r.Items) != 5 {
		t.Fatalf("roadmap %+v", r)
	}
	it := r.Items[0]
	if it.Title != "Checklist" || it.Link != "../playbooks/launch.md" || it.LinkPos.Line != 13 || it.DescriptionPos.Line != 14 ||
		it.Confidence != "high" || it.Team != "Growth" || it.Page != "/roadmap/growth/" || it.Line != 7 {
		t.Errorf("item %+v", it)
	}
	if r.Items[1].Status != "next" {
		t.Errorf("status %q: want statuses read without regard to case", r.Items[1].Status)
	}
	var cols []string
	for _, c := range r.Board() {
		var titles []string
		for _, it := range c.Items {
			titles = append(titles, it.Title)
		}
		cols = append(cols, c.Title+": "+strings.Join(titles, ", "))
	}
	if got := strings.Join(cols, "; "); got != "Now: Checklist; Next: Pricing; Later: Mobile web; Done: Shipped" {
		t.Errorf("board: %s", got)
	}
	if d := r.Dropped(); len(d) != 1 || d[0].Title != "Old idea" {
		t.Errorf("dropped: %v", d)
	}
}

func TestDecodeErrors(t *testing.T) {
	var d diag.List
	r := Decode(contenttest.Page(t, "roadmap/growth.md", `---
type: roadmap
team: Growth
items:
  - status: now
  - title: Soon
    status: soon
  - title: Sure
    status: next
    confidence: certain
  - title: Dated
    status: later
    quarter: Q3 2026
  - title: Typo
    stauts: now
  - Just a line
---
`), &d)
	want := `content/roadmap/growth.md:5:5: error: roadmap item 1: title is missing: every item needs one
content/roadmap/growth.md:7:13: error: roadmap item "Soon": status "soon" is not one of now, next, later, done, dropped
content/roadmap/growth.md:10:17: error: roadmap item "Sure": confidence "certain" is not one of high, medium, low
content/roadmap/growth.md:13:14: error: roadmap item "Dated": quarter "Q3 2026" is not written YYYY-Qn, such as 2026-Q3
content/roadmap/growth.md:14:5: error: roadmap item "Typo": status is missing: give one of now, next, later, done, dropped
content/roadmap/growth.md:15:5: warning: roadmap item 5: unknown key "stauts": did you mean "status"?
content/roadmap/growth.md:16:5: error: roadmap item 6: want keys such as title: ..., not the value "Just a line"
`
	if got := d.String(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(r.Items) != 0 {
		t.Errorf("items with errors kept: %v", r.Items)
	}
}

func TestDecodeOtherPages(t *testing.T) {
	var d diag.List
	if r := Decode(contenttest.Page(t, "a.md", "---\ntitle: A\nitems: [x]\n---\n"), &d); r != nil {
		t.Errorf("a page without type: roadmap decoded as %+v", r)
	}
	Decode(contenttest.Page(t, "b.md", "---\ntitle: B\ntype: roadmap\n---\n"), &d)
	want := `content/a.md:3: warning: items: roadmap items are read only on a roadmap page: add type: roadmap
content/b.md:1: warning: roadmap has no items: list them under items:
content/b.md:1: warning: roadmap has no team: add team: to its front matter, so the site-wide roadmap can place it
`
	if got := d.String(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestOverview(t *testing.T) {
	var d diag.List
	g := Decode(contenttest.Page(t, "roadmap/growth.md", growth), &d)
	p := Decode(contenttest.Page(t, "roadmap/platform.md", `---
title: Platform
type: roadmap
team: Platform
items:
  - {title: Queues, status: now, quarter: 2026-Q1, theme: Reliability}
  - {title: Audit log, status: next, quarter: 2025-Q4}
---
`), &d)
	o := NewOverview([]*Roadmap{p, g})
	if o.Roadmaps[0] != g || o.Roadmaps[1] != p {
		t.Errorf("roadmaps not ordered by team")
	}
	var tl []string
	for _, q := range o.Quarters {
		var titles []string
		for _, it := range q.Items {
			titles = append(titles, it.Title)
		}
		tl = append(tl, q.Name+": "+strings.Join(titles, ", "))
	}
	want := "2025-Q4: Shipped, Audit log; 2026-Q1: Checklist, Queues; 2026-Q2: Pricing; : Mobile web, Old idea"
	if got := strings.Join(tl, "; "); got != want {
		t.Errorf("timeline:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(o.Themes, ",") != "Activation,Monetisation,Reliability" ||
		strings.Join(o.Teams, ",") != "Growth,Platform" ||
		strings.Join(o.Statuses, ",") != "now,next,later,done,dropped" {
		t.Errorf("filters: %v %v %v", o.Teams, o.Themes, o.Statuses)
	}
	data, err := json.Marshal(o.JSON("/ops"))
	if err != nil {
		t.Fatal(err)
	}
	want = `{"team":"Platform","title":"Queues","status":"now","quarter":"2026-Q1","owner":"","theme":"Reliability","confidence":"","page":"/ops/roadmap/platform/"}`
	if !strings.Contains(string(data), want) || strings.Count(string(data), `"team"`) != 7 {
		t.Errorf("JSON:\n%s", data)
	}
}

// TestOverviewPart splits an overview into pages of every size: the
// pages hold every item once, in order, each roadmap's part carries its
// team, a part that goes on from the page before says so, and a roadmap
// without items is shown once, in its place.
func TestOverviewPart(t *testing.T) {
	item := func(title, quarter string) *Item { return &Item{Title: title, Quarter: quarter, Status: "now"} }
	o := NewOverview([]*Roadmap{
		{Team: "Alpha", Items: []*Item{item("a1", "2026-Q2"), item("a2", ""), item("a3", "2026-Q1")}},
		{Team: "Beta"},
		{Team: "Gamma", Items: []*Item{item("c1", "2026-Q1"), item("c2", "2026-Q2")}},
	})
	if o.Len() != 5 {
		t.Fatalf("Len = %d, want 5", o.Len())
	}
	show := func(rows []*Roadmap, quarters []Quarter) string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(r.Team)
			if r.Continued {
				b.WriteString("+")
			}
			for _, it := range r.Items {
				b.WriteString(" " + it.Title)
			}
			b.WriteString("; ")
		}
		b.WriteString("|")
		for _, q := range quarters {
			b.WriteString(" " + cmpOr(q.Name, "none") + ":")
			for _, it := range q.Items {
				b.WriteString(" " + it.Title)
			}
		}
		return b.String()
	}
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{0, 5, "Alpha a1 a2 a3; Beta; Gamma c1 c2; | 2026-Q1: a3 c1 2026-Q2: a1 c2 none: a2"},
		{0, 2, "Alpha a1 a2; | 2026-Q2: a1 none: a2"},
		{2, 4, "Alpha+ a3; Beta; Gamma c1; | 2026-Q1: a3 c1"},
		{4, 5, "Gamma+ c2; | 2026-Q2: c2"},
		{3, 5, "Beta; Gamma c1 c2; | 2026-Q1: c1 2026-Q2: c2"},
	} {
		if got := show(o.Part(tc.from, tc.to)); got != tc.want {
			t.Errorf("Part(%d, %d) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	for size := 1; size <= 6; size++ {
		var titles []string
		empty := 0
		for from := 0; from < o.Len(); from += size {
			rows, _ := o.Part(from, min(from+size, o.Len()))
			n := 0
			for _, r := range rows {
				if len(r.Items) == 0 {
					empty++
				}
				for _, it := range r.Items {
					titles = append(titles, it.Title)
					n++
				}
			}
			if n > size {
				t.Errorf("size %d: page at %d holds %d items", size, from, n)
			}
		}
		if got := strings.Join(titles, " "); got != "a1 a2 a3 c1 c2" || empty != 1 {
			t.Errorf("size %d: pages hold %q and %d roadmaps without items, want every item once and Beta once", size, got, empty)
		}
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
