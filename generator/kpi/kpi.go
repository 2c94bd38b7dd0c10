// Package kpi reads the KPI tables of pages and judges each KPI.
//
// Any page may carry a list of KPIs under the front-matter key kpis:
//
//	kpis:
//	  - name: Activation rate        # required
//	    id: activation-rate          # optional, derived from name; unique across the site
//	    owner: growth-team
//	    unit: "%"                    # free text: "%", "days", "ms", "$", "accounts"
//	    target: 45                   # number
//	    actual: 41.5                 # number; missing = no data
//	    direction: up                # up (higher is better, default) or down
//	    tolerance: 10                # percent of target; default 10
//	    as_of: 2026-10-31            # date of actual
//	    history: [35, 37.2, 39, 41.5]   # oldest first; or a list of {date, value}
//	    source: Amplitude "Activation v2"
//	    definition: Share of new accounts that complete setup within 7 days
//
// # Status
//
// A KPI's status compares actual with target, in exact decimal arithmetic
// on the numbers as written, so that a value exactly on a boundary is
// judged the way a person reading the page would judge it. With
// direction up: on-track if actual >= target; at-risk if actual >=
// target × (1 − tolerance/100); else off-track. With direction down:
// on-track if actual <= target; at-risk if actual <= target × (1 +
// tolerance/100); else off-track. Without an actual, or without a target,
// the status is no-data. A KPI whose as_of is more than the site's
// kpi_stale_after days (45 by default) before today is stale.
package kpi

import (
	"math/big"
	"strings"
	"time"
	"unicode"
)

// Direction says which way a KPI improves.
type Direction string

const (
	Up   Direction = "up"
	Down Direction = "down"
)

// Status is the judgement of a KPI against its target.
type Status string

const (
	OnTrack  Status = "on-track"
	AtRisk   Status = "at-risk"
	OffTrack Status = "off-track"
	NoData   Status = "no-data"
)

// Statuses lists the statuses from best to worst, then no-data.
var Statuses = []Status{OnTrack, AtRisk, OffTrack, NoData}

// Label is the status as a person reads it: "On track".
func (s Status) Label() string {
	switch s {
	case OnTrack:
		return "On track"
	case AtRisk:
		return "At risk"
	case OffTrack:
		return "Off track"
	}
	return "No data"
}

// DefaultTolerance is the tolerance of a KPI that sets none, in percent
// of its target.
const DefaultTolerance = 10

// DefaultStaleAfter is how many days old a KPI's as_of may be before it is
// flagged stale, when the site does not say.
const DefaultStaleAfter = 45

// A Number is a decimal number as written in front matter. Its text is
// kept so that it is shown and compared exactly as the author wrote it.
type Number struct {
	text string
	rat  *big.Rat
}

// ParseNumber reads a decimal number: 45, -3, 41.5, 1e3. Fractions,
// percentages and units are not numbers.
func ParseNumber(s string) (Number, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "/_") {
		return Number{}, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Number{}, false
	}
	return Number{text: s, rat: r}, true
}

// MustNumber is ParseNumber for values known to be numbers.
func MustNumber(s string) Number {
	n, ok := ParseNumber(s)
	if !ok {
		panic("kpi: not a number: " + s)
	}
	return n
}

// Valid reports whether n holds a number.
func (n Number) Valid() bool { return n.rat != nil }

// Float returns n as a float64.
func (n Number) Float() float64 {
	if n.rat == nil {
		return 0
	}
	f, _ := n.rat.Float64()
	return f
}

// String returns n as written.
func (n Number) String() string { return n.text }

// MarshalJSON writes n as a JSON number, or null when it is not set.
func (n Number) MarshalJSON() ([]byte, error) {
	if n.rat == nil {
		return []byte("null"), nil
	}
	return []byte(n.rat.FloatString(decimals(n.text))), nil
}

// decimals counts the digits after the decimal point of a number as
// written, enough to print it back exactly.
func decimals(s string) int {
	if strings.ContainsAny(s, "eE") {
		return 6
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// Judge returns the status of a KPI from its target, actual, tolerance
// and direction. A zero Number for target or actual gives NoData.
func Judge(target, actual, tolerance Number, dir Direction) Status {
	if !target.Valid() || !actual.Valid() {
		return NoData
	}
	tol := big.NewRat(DefaultTolerance, 1)
	if tolerance.Valid() {
		tol = tolerance.rat
	}
	// edge = target × (1 ∓ tolerance/100)
	frac := new(big.Rat).Quo(tol, big.NewRat(100, 1))
	c := actual.rat.Cmp(target.rat)
	if dir == Down {
		if c <= 0 {
			return OnTrack
		}
		edge := new(big.Rat).Mul(target.rat, new(big.Rat).Add(big.NewRat(1, 1), frac))
		if actual.rat.Cmp(edge) <= 0 {
			return AtRisk
		}
		return OffTrack
	}
	if c >= 0 {
		return OnTrack
	}
	edge := new(big.Rat).Mul(target.rat, new(big.Rat).Sub(big.NewRat(1, 1), frac))
	if actual.rat.Cmp(edge) >= 0 {
		return AtRisk
	}
	return OffTrack
}

// Stale reports whether a value measured on asOf is older than
// staleAfter days before today. A KPI without a date is never stale.
func Stale(asOf, today time.Time, staleAfter int) bool {
	if asOf.IsZero() {
		return false
	}
	return asOf.Before(today.AddDate(0, 0, -staleAfter))
}

// Slug derives an id from a KPI's name: "Activation rate (7d)" ->
// "activation-rate-7d".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
