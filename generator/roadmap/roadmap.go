// Package roadmap reads team roadmaps from front matter and rolls them up
// into a site-wide view.
//
// A page with type: roadmap lists its items:
//
//	type: roadmap
//	team: Growth
//	period: 2026-H1          # optional, free text
//	items:
//	  - title: Self-serve onboarding checklist   # required
//	    status: now          # required: now, next, later, done or dropped
//	    quarter: 2026-Q1     # optional, YYYY-Qn
//	    owner: maria         # optional
//	    theme: Activation    # optional
//	    confidence: high     # optional: high, medium or low
//	    link: ../playbooks/launch-readiness.md   # optional, a page of the site
//	    description: One line, inline Markdown allowed
//
// Items keep the order they are written in. Every problem is reported at
// the line of the value concerned, under the code roadmap-invalid; an
// item with an error is left out of the board.
package roadmap

import (
	"cmp"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
)

// Statuses are the allowed item statuses, in board order.
var Statuses = []string{"now", "next", "later", "done", "dropped"}

// Confidences are the allowed confidence levels.
var Confidences = []string{"high", "medium", "low"}

// Keys are the keys of one item.
var Keys = []string{"title", "status", "quarter", "owner", "theme", "confidence", "link", "description"}

var quarterRE = regexp.MustCompile(`^[0-9]{4}-Q[1-4]$`)

// A Roadmap is one team's roadmap page.
type Roadmap struct {
	Team, Period string
	Items        []*Item
	// Page and Title are the URL and title of the page.
	Page, Title string
	// Continued is set on a part of a roadmap, in a page of the
	// site-wide view, whose first items are on the page before (see
	// Overview.Part).
	Continued bool
}

// An Item is one entry of a roadmap.
type Item struct {
	Title, Status, Quarter, Owner, Theme, Confidence string
	// Link is the link as written; LinkPos, where; URL, the page it
	// leads to once resolved (empty when it leads nowhere).
	Link    string
	LinkPos content.Pos
	URL     string
	// Description is the Markdown as written; DescriptionPos, where;
	// HTML, as rendered.
	Description    string
	DescriptionPos content.Pos
	HTML           template.HTML

	Team, Page string
	Line       int
}

// Decode reads a roadmap page's team, period and items. It returns nil
// for a page that is not a roadmap, after reporting roadmap keys written
// on it.
func Decode(pg *content.Page, diags *diag.List) *Roadmap {
	if pg.Type != content.TypeRoadmap {
		if k, _ := pg.Meta.Lookup("items"); k != nil {
			diags.Warnf(pg.File, k.Line, diag.RoadmapInvalid, "items: roadmap items are read only on a roadmap page: add type: roadmap")
		}
		return nil
	}
	r := &Roadmap{Page: pg.URL, Title: pg.Title, Team: pg.Team}
	if v := pg.Meta.Get("period"); v != nil {
		s, err := content.String("period", v)
		if err != nil {
			diags.Errorf(pg.File, v.Line, diag.RoadmapInvalid, "%s", err.(*content.Error).Msg)
		}
		r.Period = s
	}
	if r.Team == "" {
		diags.Warnf(pg.File, 1, diag.RoadmapInvalid, "roadmap has no team: add team: to its front matter, so the site-wide roadmap can place it")
		r.Team = pg.Title
	}
	recs := content.Records(pg, "items", "roadmap item", diag.RoadmapInvalid, Keys, diags)
	if recs == nil && pg.Meta.Get("items") == nil {
		diags.Warnf(pg.File, 1, diag.RoadmapInvalid, "roadmap has no items: list them under items:")
	}
	for _, rec := range recs {
		it := decodeItem(rec)
		if rec.Failed() {
			continue
		}
		it.Team, it.Page = r.Team, pg.URL
		r.Items = append(r.Items, it)
	}
	return r
}

func decodeItem(r *content.Record) *Item {
	it := &Item{Line: r.Line}
	it.Title = r.String("title")
	if it.Title == "" {
		r.Errorf(nil, "title is missing: every item needs one")
	} else {
		r.What = fmt.Sprintf("roadmap item %q", it.Title)
	}
	if r.Get("status") == nil {
		r.Errorf(nil, "status is missing: give one of %s", strings.Join(Statuses, ", "))
	}
	it.Status = r.OneOf("status", Statuses, "")
	it.Confidence = r.OneOf("confidence", Confidences, "")
	it.Quarter = r.String("quarter")
	if it.Quarter != "" && !quarterRE.MatchString(it.Quarter) {
		r.Errorf(r.Get("quarter"), "quarter %q is not written YYYY-Qn, such as 2026-Q3", it.Quarter)
	}
	it.Owner = r.String("owner")
	it.Theme = r.String("theme")
	it.Link = r.String("link")
	it.LinkPos = content.PosOf(r.Get("link"))
	it.Description = r.String("description")
	it.DescriptionPos = content.PosOf(r.Get("description"))
	return it
}

// Column returns the items of one status, in the order written.
func (r *Roadmap) Column(status string) []*Item {
	return column(r.Items, status)
}

func column(items []*Item, status string) []*Item {
	var out []*Item
	for _, it := range items {
		if it.Status == status {
			out = append(out, it)
		}
	}
	return out
}

// A Column is one status's items, for a board.
type Column struct {
	Status, Title string
	Items         []*Item
}

// Board returns the columns Now, Next, Later and Done (dropped items are
// listed apart, by Dropped).
func (r *Roadmap) Board() []Column {
	return board(r.Items, "now", "next", "later", "done")
}

// Dropped returns the dropped items.
func (r *Roadmap) Dropped() []*Item { return r.Column("dropped") }

func board(items []*Item, statuses ...string) []Column {
	cols := make([]Column, len(statuses))
	for i, s := range statuses {
		cols[i] = Column{Status: s, Title: Title(s), Items: column(items, s)}
	}
	return cols
}

// Title is a status as a column heading: "now" -> "Now".
func Title(status string) string {
	if status == "" {
		return ""
	}
	return string(status[0]-'a'+'A') + status[1:]
}

// An Overview is every roadmap of the site, for the site-wide roadmap.
type Overview struct {
	// Roadmaps are ordered by team, then title.
	Roadmaps []*Roadmap
	// Quarters is the timeline: every quarter with its items, in time
	// order, then the items without a quarter.
	Quarters []Quarter
	// Teams, Themes and Statuses are the filter values, sorted (statuses
	// in board order).
	Teams, Themes, Statuses []string
}

// Row returns the roadmap's columns Now, Next and Later, for the
// site-wide view.
func (r *Roadmap) Row() []Column { return board(r.Items, "now", "next", "later") }

// A Quarter is one column of the timeline.
type Quarter struct {
	Name  string // "2026-Q3"; "" for items without a quarter
	Items []*Item
}

// NewOverview rolls roadmaps up into the site-wide view.
func NewOverview(all []*Roadmap) *Overview {
	o := &Overview{Roadmaps: slices.Clone(all)}
	slices.SortStableFunc(o.Roadmaps, func(a, b *Roadmap) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Page, b.Page))
	})
	teams, themes, statuses := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range o.Roadmaps {
		if !teams[r.Team] {
			teams[r.Team] = true
			o.Teams = append(o.Teams, r.Team)
		}
		for _, it := range r.Items {
			if it.Theme != "" && !themes[it.Theme] {
				themes[it.Theme] = true
				o.Themes = append(o.Themes, it.Theme)
			}
			statuses[it.Status] = true
		}
	}
	slices.Sort(o.Themes)
	for _, s := range Statuses {
		if statuses[s] {
			o.Statuses = append(o.Statuses, s)
		}
	}
	o.Quarters = timeline(o.Roadmaps)
	return o
}

// timeline groups the items of roadmaps by quarter, in time order, then
// the items without a quarter; within a quarter, items keep the order of
// the roadmaps and then the order written.
func timeline(rs []*Roadmap) []Quarter {
	byQuarter := map[string][]*Item{}
	for _, r := range rs {
		for _, it := range r.Items {
			byQuarter[it.Quarter] = append(byQuarter[it.Quarter], it)
		}
	}
	names := make([]string, 0, len(byQuarter))
	for q := range byQuarter {
		if q != "" {
			names = append(names, q)
		}
	}
	slices.Sort(names) // YYYY-Qn sorts in time order
	if byQuarter[""] != nil {
		names = append(names, "")
	}
	var out []Quarter
	for _, q := range names {
		out = append(out, Quarter{Name: q, Items: byQuarter[q]})
	}
	return out
}

// Len counts the items of every roadmap: the entries of the site-wide
// view.
func (o *Overview) Len() int {
	n := 0
	for _, r := range o.Roadmaps {
		n += len(r.Items)
	}
	return n
}

// Part returns the items from..to (counted from 0, to excluded) of the
// overview, taken in the order of Roadmaps, for one page of the site-wide
// view: the roadmaps they belong to, each holding only those items (a
// roadmap whose first items are on an earlier page is Continued), and the
// same items by quarter. A roadmap without items goes with the page where
// its place falls. The whole range gives the overview's own Roadmaps and
// Quarters.
func (o *Overview) Part(from, to int) ([]*Roadmap, []Quarter) {
	total := o.Len()
	if from <= 0 && to >= total {
		return o.Roadmaps, o.Quarters
	}
	var rows []*Roadmap
	at := 0 // index of the roadmap's first item among all items
	for _, r := range o.Roadmaps {
		start, end := at, at+len(r.Items)
		at = end
		if len(r.Items) == 0 {
			if from <= start && (start < to || to >= total) {
				rows = append(rows, r)
			}
			continue
		}
		lo, hi := max(start, from), min(end, to)
		if lo >= hi {
			continue
		}
		part := *r
		part.Items = r.Items[lo-start : hi-start]
		part.Continued = lo > start
		rows = append(rows, &part)
	}
	return rows, timeline(rows)
}

// JSON is one item as published in api/roadmap.json.
type JSON struct {
	Team       string `json:"team"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	Quarter    string `json:"quarter"`
	Owner      string `json:"owner"`
	Theme      string `json:"theme"`
	Confidence string `json:"confidence"`
	Page       string `json:"page"`
}

// JSON returns every item, by team and then as written, each page URL
// prefixed with base (the site's base path without its trailing slash).
func (o *Overview) JSON(base string) []JSON {
	out := []JSON{}
	for _, r := range o.Roadmaps {
		for _, it := range r.Items {
			out = append(out, JSON{
				Team: it.Team, Title: it.Title, Status: it.Status, Quarter: it.Quarter,
				Owner: it.Owner, Theme: it.Theme, Confidence: it.Confidence, Page: base + it.Page,
			})
		}
	}
	return out
}
