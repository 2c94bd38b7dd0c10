package kpi

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"gopkg.in/yaml.v3"
)

// Keys are the keys of one KPI.
var Keys = []string{"name", "id", "owner", "unit", "target", "actual", "direction", "tolerance", "as_of", "history", "source", "definition"}

// A KPI is one row of a KPI table, with its judgement.
type KPI struct {
	ID, Name, Owner, Unit, Source, Definition string
	Target, Actual                            Number
	Direction                                 Direction
	// Tolerance is in percent of the target.
	Tolerance Number
	AsOf      time.Time
	// History holds earlier values, oldest first.
	History []Point

	// Status and Stale are the KPI's judgement.
	Status Status
	Stale  bool
	// Change is the move from the previous value to actual; nil without
	// one.
	Change *Change

	// Page is the URL of the page that defines the KPI; Team, that
	// page's team; File and Line, where it is written; IDLine and
	// IDColumn, where its id is written (its Line and 0 when the id is
	// derived from the name).
	Page, PageTitle, Team string
	File                  string
	Line                  int
	IDLine, IDColumn      int
}

// A Point is one value of a KPI's history.
type Point struct {
	Date  time.Time
	Value Number
}

// A Change is the difference between a KPI's previous value and its
// actual one.
type Change struct {
	// Delta is actual - previous, as text with a sign: "+2.5", "-3",
	// "0".
	Delta string
	// Arrow is "up", "down" or "flat".
	Arrow string
	// Better reports whether the move goes the KPI's way.
	Better bool
}

// Decode reads the kpis of a page, reporting every problem to diags at
// its line under the code kpi-invalid. KPIs with errors are left out;
// the others get their status as of today.
func Decode(pg *content.Page, today time.Time, staleAfter int, diags *diag.List) []*KPI {
	var out []*KPI
	for _, r := range content.Records(pg, "kpis", "kpi", diag.KPIInvalid, Keys, diags) {
		k := decode(r)
		if r.Failed() {
			continue
		}
		k.Page, k.PageTitle, k.Team, k.File = pg.URL, pg.Title, pg.Team, pg.File
		k.judge(today, staleAfter)
		out = append(out, k)
	}
	return out
}

func decode(r *content.Record) *KPI {
	k := &KPI{Line: r.Line, Direction: Up, Tolerance: MustNumber("10")}
	k.Name = r.String("name")
	if k.Name == "" {
		r.Errorf(nil, "name is missing: every KPI needs one")
	} else {
		r.What = fmt.Sprintf("kpi %q", k.Name)
	}
	k.ID = r.String("id")
	k.IDLine = r.Line
	if n := r.Get("id"); n != nil {
		k.IDLine, k.IDColumn = n.Line, n.Column
	}
	if k.ID == "" {
		k.ID = Slug(k.Name)
	} else if strings.ContainsAny(k.ID, " \t#/?") {
		r.Errorf(r.Get("id"), "id %q may not hold spaces, #, / or ?: use letters, digits and dashes", k.ID)
	}
	k.Owner = r.String("owner")
	k.Unit = r.String("unit")
	k.Source = r.String("source")
	k.Definition = r.String("definition")
	k.Target = number(r, "target")
	k.Actual = number(r, "actual")
	if t := number(r, "tolerance"); t.Valid() {
		if t.rat.Sign() < 0 {
			r.Errorf(r.Get("tolerance"), "tolerance %s is negative: give a percentage of the target, such as 10", t)
		}
		k.Tolerance = t
	}
	k.Direction = Direction(r.OneOf("direction", []string{string(Up), string(Down)}, string(Up)))
	k.AsOf = r.Date("as_of")
	k.History = history(r)
	return k
}

// number reads a decimal number.
func number(r *content.Record, key string) Number {
	v := r.Get(key)
	if v == nil {
		return Number{}
	}
	if v.Kind == yaml.ScalarNode {
		if n, ok := ParseNumber(v.Value); ok {
			return n
		}
	}
	r.Errorf(v, "%s: %s is not a number: write the number alone (41.5) and put the unit in unit:", key, show(v))
	return Number{}
}

func show(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", v.Value)
	}
	return "a list or map"
}

// history reads a list of numbers, or of {date, value} maps, oldest
// first.
func history(r *content.Record) []Point {
	v := r.Get("history")
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		r.Errorf(v, "history: want a list of numbers, oldest first, such as [35, 37.2, 39]")
		return nil
	}
	points := make([]Point, 0, len(v.Content))
	for i, e := range v.Content {
		var p Point
		switch e.Kind {
		case yaml.ScalarNode:
			n, ok := ParseNumber(e.Value)
			if !ok {
				r.Errorf(e, "history value %d: %q is not a number", i+1, e.Value)
				continue
			}
			p.Value = n
		case yaml.MappingNode:
			hasValue := false
			for j := 0; j+1 < len(e.Content); j += 2 {
				key, val := e.Content[j], e.Content[j+1]
				switch key.Value {
				case "date":
					d, err := content.Date("date", val)
					if err != nil {
						r.Errorf(val, "history value %d: %s", i+1, err.(*content.Error).Msg)
					}
					p.Date = d
				case "value":
					hasValue = true
					n, ok := ParseNumber(val.Value)
					if !ok || val.Kind != yaml.ScalarNode {
						r.Errorf(val, "history value %d: %s is not a number", i+1, show(val))
					}
					p.Value = n
				default:
					r.Errorf(key, "history value %d: unknown key %q: write {date: 2026-10-31, value: 41.5}", i+1, key.Value)
				}
			}
			if !hasValue {
				r.Errorf(e, "history value %d: value is missing", i+1)
			}
		default:
			r.Errorf(e, "history value %d: want a number or {date, value}", i+1)
			continue
		}
		if n := len(points); n > 0 && !p.Date.IsZero() && !points[n-1].Date.IsZero() && !p.Date.After(points[n-1].Date) {
			r.Errorf(e, "history value %d: dated %s, not after the value before it: write history oldest first", i+1, p.Date.Format(time.DateOnly))
		}
		points = append(points, p)
	}
	return points
}

// judge sets the KPI's status, staleness and change.
func (k *KPI) judge(today time.Time, staleAfter int) {
	k.Status = Judge(k.Target, k.Actual, k.Tolerance, k.Direction)
	k.Stale = Stale(k.AsOf, today, staleAfter)
	prev, ok := k.previous()
	if !ok || !k.Actual.Valid() {
		return
	}
	d := new(big.Rat).Sub(k.Actual.rat, prev.rat)
	c := &Change{Arrow: "flat", Delta: d.FloatString(max(decimals(k.Actual.text), decimals(prev.text)))}
	switch d.Sign() {
	case 1:
		c.Arrow, c.Delta, c.Better = "up", "+"+c.Delta, k.Direction == Up
	case -1:
		c.Arrow, c.Better = "down", k.Direction == Down
	}
	k.Change = c
}

// previous returns the value before actual: the last history value, or
// the one before it when the last is actual itself.
func (k *KPI) previous() (Number, bool) {
	h := k.History
	if len(h) == 0 {
		return Number{}, false
	}
	last := h[len(h)-1]
	same := last.Value.Valid() && k.Actual.Valid() && last.Value.rat.Cmp(k.Actual.rat) == 0 &&
		(last.Date.IsZero() || k.AsOf.IsZero() || last.Date.Equal(k.AsOf))
	if !same {
		return last.Value, last.Value.Valid()
	}
	if len(h) < 2 {
		return Number{}, false
	}
	return h[len(h)-2].Value, h[len(h)-2].Value.Valid()
}

// CheckIDs reports KPIs whose id is already taken by another, at the
// id of the later one, under the code duplicate-kpi-id.
func CheckIDs(all []*KPI, diags *diag.List) {
	seen := make(map[string]*KPI, len(all))
	for _, k := range all {
		if first, ok := seen[k.ID]; ok {
			diags.Add(diag.Diagnostic{
				Path: k.File, Line: k.IDLine, Column: k.IDColumn, Severity: diag.Error, Code: diag.DuplicateKPIID,
				Message: fmt.Sprintf("kpi %q: id %q is already used at %s:%d: give one of them another id", k.Name, k.ID, first.File, first.IDLine),
			})
			continue
		}
		seen[k.ID] = k
	}
}
