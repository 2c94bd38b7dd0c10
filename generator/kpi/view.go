package kpi

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Show returns a value of the KPI with its unit, for reading: "41.5%",
// "$1,200", "27 min". A missing value is "—".
func (k *KPI) Show(n Number) string {
	if !n.Valid() {
		return "—"
	}
	s := group(n.text)
	switch u := k.Unit; {
	case u == "":
		return s
	case u == "%":
		return s + "%"
	case u == "$" || u == "€" || u == "£" || u == "¥":
		if strings.HasPrefix(s, "-") {
			return "-" + u + s[1:]
		}
		return u + s
	default:
		return s + " " + u
	}
}

// ActualText and TargetText are Show of the actual and target values.
func (k *KPI) ActualText() string { return k.Show(k.Actual) }
func (k *KPI) TargetText() string { return k.Show(k.Target) }

// group puts thousands separators into the whole part of a number
// written with four digits or more: 54310 -> 54,310.
func group(s string) string {
	if strings.ContainsAny(s, "eE") {
		return s
	}
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) < 4 {
		return sign + s
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// A Spark is a trend line of a KPI's history, for an inline SVG of Width
// by Height: Points is the polyline's points attribute; TargetY, the
// height of the target line (-1 without a target).
type Spark struct {
	Width, Height int
	Points        string
	TargetY       float64
	// Label describes the trend in words, for screen readers and when
	// images are off.
	Label string
}

// Sparkline draws the KPI's history; nil when it has fewer than two
// values.
func (k *KPI) Sparkline() *Spark {
	if len(k.History) < 2 {
		return nil
	}
	const w, h, pad = 96, 24, 2.0
	lo, hi := k.History[0].Value.Float(), k.History[0].Value.Float()
	vals := make([]float64, len(k.History))
	words := make([]string, len(k.History))
	for i, p := range k.History {
		v := p.Value.Float()
		vals[i] = v
		words[i] = k.Show(p.Value)
		lo, hi = min(lo, v), max(hi, v)
	}
	if k.Target.Valid() {
		t := k.Target.Float()
		lo, hi = min(lo, t), max(hi, t)
	}
	y := func(v float64) float64 {
		if hi == lo {
			return h / 2
		}
		return pad + (hi-v)/(hi-lo)*(h-2*pad)
	}
	var pts strings.Builder
	for i, v := range vals {
		x := pad + float64(i)*(w-2*pad)/float64(len(vals)-1)
		if i > 0 {
			pts.WriteByte(' ')
		}
		pts.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y(v), 'f', 1, 64))
	}
	s := &Spark{Width: w, Height: h, Points: pts.String(), TargetY: -1,
		Label: "Trend, oldest first: " + strings.Join(words, ", ")}
	if k.Target.Valid() {
		s.TargetY = y(k.Target.Float())
		s.Label += "; target " + k.TargetText()
	}
	return s
}

// A Summary counts KPIs by status.
type Summary struct {
	Total, OnTrack, AtRisk, OffTrack, NoData, Stale int
}

// An Overview is every KPI of a site, for the site-wide KPI page.
type Overview struct {
	KPIs    []*KPI
	Summary Summary
	// Teams and Owners are the distinct values, sorted, for filters.
	Teams, Owners []string
}

// NewOverview orders the KPIs by page and position and counts them.
func NewOverview(all []*KPI) *Overview {
	o := &Overview{KPIs: slices.Clone(all)}
	slices.SortStableFunc(o.KPIs, func(a, b *KPI) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Line, b.Line))
	})
	teams, owners := map[string]bool{}, map[string]bool{}
	for _, k := range o.KPIs {
		o.Summary.Total++
		switch k.Status {
		case OnTrack:
			o.Summary.OnTrack++
		case AtRisk:
			o.Summary.AtRisk++
		case OffTrack:
			o.Summary.OffTrack++
		default:
			o.Summary.NoData++
		}
		if k.Stale {
			o.Summary.Stale++
		}
		if k.Team != "" && !teams[k.Team] {
			teams[k.Team] = true
			o.Teams = append(o.Teams, k.Team)
		}
		if k.Owner != "" && !owners[k.Owner] {
			owners[k.Owner] = true
			o.Owners = append(o.Owners, k.Owner)
		}
	}
	slices.Sort(o.Teams)
	slices.Sort(o.Owners)
	return o
}

// JSON is one KPI as published in api/kpis.json.
type JSON struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Page      string        `json:"page"`
	Team      string        `json:"team"`
	Owner     string        `json:"owner"`
	Unit      string        `json:"unit"`
	Target    Number        `json:"target"`
	Actual    Number        `json:"actual"`
	Direction Direction     `json:"direction"`
	Tolerance Number        `json:"tolerance"`
	Status    Status        `json:"status"`
	AsOf      *string       `json:"as_of"`
	Stale     bool          `json:"stale"`
	History   []HistoryJSON `json:"history"`
}

// HistoryJSON is one history value in api/kpis.json; Date is null when
// the history gives none.
type HistoryJSON struct {
	Date  *string `json:"date"`
	Value Number  `json:"value"`
}

// JSON returns the KPIs of the overview as published, each page URL
// prefixed with base (the site's base path without its trailing slash).
func (o *Overview) JSON(base string) []JSON {
	out := make([]JSON, 0, len(o.KPIs))
	for _, k := range o.KPIs {
		j := JSON{
			ID: k.ID, Name: k.Name, Page: base + k.Page, Team: k.Team, Owner: k.Owner, Unit: k.Unit,
			Target: k.Target, Actual: k.Actual, Direction: k.Direction, Tolerance: k.Tolerance,
			Status: k.Status, AsOf: isoDate(k.AsOf), Stale: k.Stale, History: []HistoryJSON{},
		}
		for _, p := range k.History {
			j.History = append(j.History, HistoryJSON{Date: isoDate(p.Date), Value: p.Value})
		}
		out = append(out, j)
	}
	return out
}

func isoDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// String describes a KPI for debugging.
func (k *KPI) String() string {
	return fmt.Sprintf("kpi(%s %s/%s %s)", k.ID, k.Actual, k.Target, k.Status)
}
