// Package freshness tracks when pages were last reviewed and when they are
// due again.
//
// A page is tracked when it has a review interval: its own review_every,
// or the site's (review_every in opsdocs.yaml). Intervals are written
//
//	30d  6w  3m  1y            days, weeks, months, years
//	weekly  monthly  quarterly  half-yearly  yearly
//	never                      not tracked, whatever the site's default
//
// A tracked page is due its interval after its reviewed date. Relative to
// today its status is overdue (due before today), due-soon (due today or
// within the next 14 days), fresh (due later), or never-reviewed (it has
// no reviewed date).
package freshness

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Status is a page's review status.
type Status string

const (
	Fresh         Status = "fresh"
	DueSoon       Status = "due-soon"
	Overdue       Status = "overdue"
	NeverReviewed Status = "never-reviewed"
)

// Label is the status as a person reads it.
func (s Status) Label() string {
	switch s {
	case Fresh:
		return "Fresh"
	case DueSoon:
		return "Due soon"
	case Overdue:
		return "Overdue"
	}
	return "Never reviewed"
}

// SoonDays is how many days ahead a review counts as due soon.
const SoonDays = 14

// An Interval is a review interval: a number of days, weeks, months or
// years. The zero Interval tracks nothing.
type Interval struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
	text string
}

var intervalRE = regexp.MustCompile(`^([0-9]+)\s*([dwmy])$`)

var named = map[string]Interval{
	"weekly":      {1, 'w', "weekly"},
	"monthly":     {1, 'm', "monthly"},
	"quarterly":   {3, 'm', "quarterly"},
	"half-yearly": {6, 'm', "half-yearly"},
	"yearly":      {1, 'y', "yearly"},
	"annually":    {1, 'y', "annually"},
}

// ParseInterval reads an interval; "never" gives the zero Interval and
// ok.
func ParseInterval(s string) (Interval, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "never" {
		return Interval{text: s}, nil
	}
	if iv, ok := named[s]; ok {
		return iv, nil
	}
	if m := intervalRE.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil && n > 0 && n <= 10000 {
			return Interval{N: n, Unit: m[2][0], text: s}, nil
		}
	}
	return Interval{}, fmt.Errorf("review interval %q is not understood: write 30d, 6w, 3m, 1y, weekly, monthly, quarterly, half-yearly, yearly or never", s)
}

// Tracked reports whether the interval asks for reviews.
func (iv Interval) Tracked() bool { return iv.N > 0 }

// String returns the interval as written.
func (iv Interval) String() string { return iv.text }

// After returns the date the interval ends when it starts on t.
func (iv Interval) After(t time.Time) time.Time {
	switch iv.Unit {
	case 'd':
		return t.AddDate(0, 0, iv.N)
	case 'w':
		return t.AddDate(0, 0, 7*iv.N)
	case 'm':
		return t.AddDate(0, iv.N, 0)
	}
	return t.AddDate(iv.N, 0, 0)
}

// A Review is the freshness of one tracked page.
type Review struct {
	Status Status
	// Reviewed is the last review; zero when never reviewed. Due is
	// when the next is due; zero when never reviewed.
	Reviewed, Due time.Time
	Every         Interval
	// DaysOverdue counts the days since the review was due, when it is
	// overdue; DaysLeft, the days until it is due, otherwise.
	DaysOverdue, DaysLeft int
	// DaysSince counts the days since the last review.
	DaysSince int

	Page, Title, Owner string
	File               string
}

// Judge returns the review of a page reviewed on reviewed (zero: never),
// every iv, as of today. It returns nil when iv tracks nothing.
func Judge(reviewed time.Time, iv Interval, today time.Time) *Review {
	if !iv.Tracked() {
		return nil
	}
	r := &Review{Reviewed: reviewed, Every: iv}
	if reviewed.IsZero() {
		r.Status = NeverReviewed
		return r
	}
	today = day(today)
	r.Due = day(iv.After(reviewed))
	r.DaysSince = days(day(reviewed), today)
	left := days(today, r.Due)
	switch {
	case left < 0:
		r.Status, r.DaysOverdue = Overdue, -left
	case left <= SoonDays:
		r.Status, r.DaysLeft = DueSoon, left
	default:
		r.Status, r.DaysLeft = Fresh, left
	}
	return r
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// days counts whole days from a to b.
func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// An Owner is one group of the freshness report.
type Owner struct {
	Name    string // "" for pages without an owner
	Reviews []*Review
	// Total counts the owner's tracked pages in the whole report, which
	// a part of the group (see Report.Part) shows only some of.
	Total int
	// Continued is set on a part of the group whose first pages are on
	// the page before.
	Continued bool
}

// A Report is every tracked page of a site, grouped by owner.
type Report struct {
	Owners                                []Owner
	Total, Fresh, DueSoon, Overdue, Never int
}

// NewReport groups reviews by owner (owners in alphabetical order, pages
// without one last) with the most urgent first: never reviewed, then by
// due date.
func NewReport(reviews []*Review) *Report {
	rep := &Report{}
	by := map[string][]*Review{}
	for _, r := range reviews {
		by[r.Owner] = append(by[r.Owner], r)
		rep.Total++
		switch r.Status {
		case Fresh:
			rep.Fresh++
		case DueSoon:
			rep.DueSoon++
		case Overdue:
			rep.Overdue++
		default:
			rep.Never++
		}
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	for _, n := range names {
		rs := by[n]
		slices.SortFunc(rs, Urgency)
		rep.Owners = append(rep.Owners, Owner{Name: n, Reviews: rs, Total: len(rs)})
	}
	return rep
}

// Part returns the reviews from..to (counted from 0, to excluded) of the
// report, in its order, for one page of the freshness view: the owners
// they belong to, each holding only those reviews. The whole range gives
// the report's own Owners.
func (rep *Report) Part(from, to int) []Owner {
	if from <= 0 && to >= rep.Total {
		return rep.Owners
	}
	return part(rep.Owners, from, to, func(o *Owner) *[]*Review { return &o.Reviews }, func(o *Owner) *bool { return &o.Continued })
}

// Urgency orders reviews most urgent first: never reviewed, then by due
// date, then by page. Pages have an address each, so the order is total.
func Urgency(a, b *Review) int {
	an, bn := a.Status == NeverReviewed, b.Status == NeverReviewed
	if an != bn {
		if an {
			return -1
		}
		return 1
	}
	return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Page, b.Page))
}

// JSON is one tracked page as published in api/freshness.json.
type JSON struct {
	Page        string  `json:"page"`
	Title       string  `json:"title"`
	Owner       string  `json:"owner"`
	Reviewed    *string `json:"reviewed"`
	ReviewEvery string  `json:"review_every"`
	Due         *string `json:"due"`
	Status      Status  `json:"status"`
}

// JSON returns the report's pages, most urgent first, each page URL
// prefixed with base.
func (rep *Report) JSON(base string) []JSON {
	var all []*Review
	for _, o := range rep.Owners {
		all = append(all, o.Reviews...)
	}
	slices.SortFunc(all, Urgency)
	out := make([]JSON, 0, len(all))
	for _, r := range all {
		out = append(out, JSON{
			Page: base + r.Page, Title: r.Title, Owner: r.Owner, Reviewed: iso(r.Reviewed),
			ReviewEvery: r.Every.String(), Due: iso(r.Due), Status: r.Status,
		})
	}
	return out
}

func iso(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// A Change is a page with the date of its last meaningful change.
type Change struct {
	Page, Title, Description string
	Updated                  time.Time
}

// A Month is one group of the digest of changes: "November 2026".
type Month struct {
	Name    string
	Changes []Change
	// Continued is set on a part of a month (see DigestPart) whose first
	// changes are on the page before.
	Continued bool
}

// Digest orders changes newest first and groups them by month.
func Digest(changes []Change) []Month {
	changes = slices.Clone(changes)
	// Pages have an address each, so the order is total: no need for a
	// stable sort, which takes far longer on a large site.
	slices.SortFunc(changes, func(a, b Change) int {
		return cmp.Or(b.Updated.Compare(a.Updated), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Page, b.Page))
	})
	var months []Month
	for _, c := range changes {
		name := c.Updated.Format("January 2006")
		if n := len(months); n == 0 || months[n-1].Name != name {
			months = append(months, Month{Name: name})
		}
		m := &months[len(months)-1]
		m.Changes = append(m.Changes, c)
	}
	return months
}

// DigestLen counts the changes of a digest.
func DigestLen(months []Month) int {
	n := 0
	for _, m := range months {
		n += len(m.Changes)
	}
	return n
}

// DigestPart returns the changes from..to (counted from 0, to excluded)
// of a digest, still by month, for one page of the view of changes. The
// whole range gives months itself.
func DigestPart(months []Month, from, to int) []Month {
	if from <= 0 && to >= DigestLen(months) {
		return months
	}
	return part(months, from, to, func(m *Month) *[]Change { return &m.Changes }, func(m *Month) *bool { return &m.Continued })
}

// part returns the groups that hold entries from..to of all the groups'
// entries, in order, each cut to those entries (entries gives a group's
// list) and marked as continued (continued gives its flag) when its
// first entries are left out.
func part[G, E any](groups []G, from, to int, entries func(*G) *[]E, continued func(*G) *bool) []G {
	var out []G
	at := 0
	for _, g := range groups {
		list := *entries(&g)
		start, end := at, at+len(list)
		at = end
		lo, hi := max(start, from), min(end, to)
		if lo >= hi {
			continue
		}
		*entries(&g) = list[lo-start : hi-start]
		*continued(&g) = lo > start
		out = append(out, g)
	}
	return out
}
