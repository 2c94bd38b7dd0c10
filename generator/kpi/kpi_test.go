package kpi

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/content/contenttest"
	"github.com/opsdocs/opsdocs/generator/diag"
)

func TestJudge(t *testing.T) {
	for _, c := range []struct {
		target, actual, tolerance string
		dir                       Direction
		want                      Status
	}{
		// Up: at target, just below it, exactly on the tolerance edge
		// (45 × 0.9 = 40.5), just past it.
		{"45", "45", "10", Up, OnTrack},
		{"45", "45.0001", "10", Up, OnTrack},
		{"45", "44.9999", "10", Up, AtRisk},
		{"45", "40.5", "10", Up, AtRisk},
		{"45", "40.4999", "10", Up, OffTrack},
		// Down: at target, the edge (20 × 1.15 = 23), past it.
		{"20", "20", "15", Down, OnTrack},
		{"20", "19", "15", Down, OnTrack},
		{"20", "20.01", "15", Down, AtRisk},
		{"20", "23", "15", Down, AtRisk},
		{"20", "23.0001", "15", Down, OffTrack},
		// Edges that binary floating point gets wrong: 0.3 × 0.9 = 0.27.
		{"0.3", "0.27", "10", Up, AtRisk},
		{"0.1", "0.11", "10", Down, AtRisk},
		// The default tolerance, and none at all.
		{"100", "90", "", Up, AtRisk},
		{"100", "89.9", "", Up, OffTrack},
		{"100", "99", "0", Up, OffTrack},
		// Missing numbers.
		{"45", "", "10", Up, NoData},
		{"", "41.5", "10", Up, NoData},
	} {
		var target, actual, tol Number
		if c.target != "" {
			target = MustNumber(c.target)
		}
		if c.actual != "" {
			actual = MustNumber(c.actual)
		}
		if c.tolerance != "" {
			tol = MustNumber(c.tolerance)
		}
		if got := Judge(target, actual, tol, c.dir); got != c.want {
			t.Errorf("Judge(target %s, actual %s, tolerance %s, %s) = %s, want %s", c.target, c.actual, c.tolerance, c.dir, got, c.want)
		}
	}
}

func TestStale(t *testing.T) {
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		asOf string
		want bool
	}{
		{"2026-11-22", false},
		{"2026-10-08", false}, // exactly 45 days before
		{"2026-10-07", true},  // 46 days
		{"", false},
	} {
		var d time.Time
		if c.asOf != "" {
			d, _ = time.Parse(time.DateOnly, c.asOf)
		}
		if got := Stale(d, today, 45); got != c.want {
			t.Errorf("Stale(%s) = %v, want %v", c.asOf, got, c.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, s := range []string{"45", "-3", "41.5", "0", "1e3", ".5"} {
		if _, ok := ParseNumber(s); !ok {
			t.Errorf("ParseNumber(%q) refused", s)
		}
	}
	for _, s := range []string{"", "45%", "n/a", "1/3", "1_000", "ten", "NaN", "Inf", "$5"} {
		if _, ok := ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) accepted", s)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Activation rate":             "activation-rate",
		"  Time to first value (p50)": "time-to-first-value-p50",
		"NPS":                         "nps",
		"Résumé rate":                 "résumé-rate",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func page(t *testing.T, src string) *content.Page {
	t.Helper()
	pg := contenttest.Page(t, "kpis/growth.md", src)
	pg.Team = "Growth"
	return pg
}

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func TestDecode(t *testing.T) {
	pg := page(t, `---
kpis:
  - name: Activation rate
    owner: growth-team
    unit: "%"
    target: 45
    actual: 41.5
    tolerance: 10
    as_of: 2026-10-31
    history: [35, 37.2, 39, 41.5]
    source: Amplitude
    definition: Share of new accounts set up within 7 days
  - name: Time to value
    id: ttv
    unit: min
    target: 20
    actual: 27
    direction: down
    as_of: 2026-09-01
    history:
      - {date: 2026-07-31, value: 31}
      - {date: 2026-08-31, value: 29}
  - name: Revenue
    unit: $
    target: 120000
---
`)
	var d diag.List
	ks := Decode(pg, today, 45, &d)
	if s := d.String(); s != "" {
		t.Fatalf("diagnostics:\n%s", s)
	}
	if len(ks) != 3 {
		t.Fatalf("got %d KPIs", len(ks))
	}
	a, ttv, rev := ks[0], ks[1], ks[2]
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("id", a.ID, "activation-rate")
	check("status", string(a.Status), "at-risk")
	check("actual", a.ActualText(), "41.5%")
	check("change", a.Change.Delta+" "+a.Change.Arrow, "+2.5 up") // from 39, the value before actual
	if !a.Change.Better || a.Stale || a.Line != 3 || a.Team != "Growth" || a.Page != "/kpis/growth/" {
		t.Errorf("activation: %+v", a)
	}
	check("ttv id", ttv.ID, "ttv")
	check("ttv status", string(ttv.Status), "off-track") // 27 > 20 × 1.1
	check("ttv change", ttv.Change.Delta+" "+ttv.Change.Arrow, "-2 down")
	if !ttv.Change.Better || !ttv.Stale {
		t.Errorf("ttv: better %v, stale %v", ttv.Change.Better, ttv.Stale)
	}
	check("revenue", string(rev.Status), "no-data")
	check("revenue target", rev.TargetText(), "$120,000")
	check("revenue actual", rev.ActualText(), "—")
	if rev.Change != nil || rev.Sparkline() != nil {
		t.Errorf("revenue without values has a change or a trend")
	}
	sp := a.Sparkline()
	if sp == nil || strings.Count(sp.Points, ",") != 4 || sp.TargetY < 0 || !strings.Contains(sp.Label, "35%, 37.2%, 39%, 41.5%; target 45%") {
		t.Errorf("sparkline: %+v", sp)
	}

	data, err := json.Marshal(NewOverview(ks).JSON("/ops"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"ttv","name":"Time to value","page":"/ops/kpis/growth/","team":"Growth","owner":"","unit":"min","target":20,"actual":27,"direction":"down","tolerance":10,"status":"off-track","as_of":"2026-09-01","stale":true,"history":[{"date":"2026-07-31","value":31},{"date":"2026-08-31","value":29}]}`
	if !strings.Contains(string(data), want) {
		t.Errorf("JSON:\n%s\nwant it to hold:\n%s", data, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	pg := page(t, `---
title: KPIs
kpis:
  - name: Activation
    target: 45%
    actual: n/a
    direction: higher
    tolerance: -5
  - owner: nobody
  - name: History
    history: [1, two, {value: 3}, {date: 2026-01-01}]
  - name: Dated
    history: [{date: 2026-02-01, value: 1}, {date: 2026-01-01, value: 2}]
  - name: Bad id
    id: has space
    targt: 5
    as_of: last week
  - just text
---
`)
	var d diag.List
	ks := Decode(pg, today, 45, &d)
	want := `content/kpis/growth.md:5:13: error: kpi "Activation": target: "45%" is not a number: write the number alone (41.5) and put the unit in unit:
content/kpis/growth.md:6:13: error: kpi "Activation": actual: "n/a" is not a number: write the number alone (41.5) and put the unit in unit:
content/kpis/growth.md:7:16: error: kpi "Activation": direction "higher" is not one of up, down
content/kpis/growth.md:8:16: error: kpi "Activation": tolerance -5 is negative: give a percentage of the target, such as 10
content/kpis/growth.md:9:5: error: kpi 2: name is missing: every KPI needs one
content/kpis/growth.md:11:18: error: kpi "History": history value 2: "two" is not a number
content/kpis/growth.md:11:35: error: kpi "History": history value 4: value is missing
content/kpis/growth.md:13:45: error: kpi "Dated": history value 2: dated 2026-01-01, not after the value before it: write history oldest first
content/kpis/growth.md:15:9: error: kpi "Bad id": id "has space" may not hold spaces, #, / or ?: use letters, digits and dashes
content/kpis/growth.md:16:5: warning: kpi 5: unknown key "targt": did you mean "target"?
content/kpis/growth.md:17:12: error: kpi "Bad id": as_of: "last week" is not a date: write it as YYYY-MM-DD
content/kpis/growth.md:18:5: error: kpi 6: want keys such as name: ..., not the value "just text"
`
	if got := d.String(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(ks) != 0 {
		t.Errorf("KPIs with errors kept: %v", ks)
	}
}

func TestCheckIDs(t *testing.T) {
	a := &KPI{ID: "nps", Name: "NPS", File: "content/a.md", Line: 4, IDLine: 4}
	b := &KPI{ID: "nps", Name: "Net promoter score", File: "content/b.md", Line: 9, IDLine: 10, IDColumn: 9}
	c := &KPI{ID: "csat", Name: "CSAT", File: "content/b.md", Line: 12, IDLine: 12}
	var d diag.List
	CheckIDs([]*KPI{a, b, c}, &d)
	want := `content/b.md:10:9: error: kpi "Net promoter score": id "nps" is already used at content/a.md:4: give one of them another id
`
	if got := d.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestOverview(t *testing.T) {
	ks := []*KPI{
		{ID: "b", Page: "/b/", Line: 3, Status: OffTrack, Team: "Platform", Owner: "tomas", Stale: true},
		{ID: "a2", Page: "/a/", Line: 9, Status: NoData, Team: "Growth"},
		{ID: "a1", Page: "/a/", Line: 4, Status: OnTrack, Team: "Growth", Owner: "maria"},
		{ID: "c", Page: "/c/", Line: 2, Status: AtRisk},
	}
	o := NewOverview(ks)
	var ids []string
	for _, k := range o.KPIs {
		ids = append(ids, k.ID)
	}
	if got := strings.Join(ids, " "); got != "a1 a2 b c" {
		t.Errorf("order %s", got)
	}
	if o.Summary != (Summary{Total: 4, OnTrack: 1, AtRisk: 1, OffTrack: 1, NoData: 1, Stale: 1}) {
		t.Errorf("summary %+v", o.Summary)
	}
	if strings.Join(o.Teams, ",") != "Growth,Platform" || strings.Join(o.Owners, ",") != "maria,tomas" {
		t.Errorf("teams %v owners %v", o.Teams, o.Owners)
	}
}
