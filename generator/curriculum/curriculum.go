// Package curriculum orders the lessons of onboarding curricula.
//
// A folder whose section page has type: curriculum is a curriculum; every
// other page inside it, at any depth, is one of its lessons (section pages
// of sub-folders are not). A lesson may say:
//
//	module: "Week 1: Foundations"       # grouping; modules appear in the order of their first lesson
//	order: 4                            # position in the curriculum (ties: by title)
//	duration: 45m                       # 30m, 1h, 1h30m
//	prerequisites: [product-vision.md]  # relative paths to lessons of the same curriculum
//	outcomes: ["Can explain the top three reasons customers churn"]
//
// Lessons are ordered by order (lessons without one come last), then by
// title. A prerequisite that is not a lesson of the same curriculum, a
// cycle of prerequisites and a duration that does not parse are errors at
// their line; a prerequisite ordered after its lesson is a warning.
package curriculum

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"gopkg.in/yaml.v3"
)

// A Curriculum is a folder of lessons.
type Curriculum struct {
	Title, Audience string
	// Page is the URL of the curriculum's overview page; Dir, its folder
	// below content/.
	Page, Dir string
	Lessons   []*Lesson
	Modules   []*Module
	// Minutes is the time of every lesson together.
	Minutes int
}

// A Module is a group of lessons.
type Module struct {
	Name    string // "" for lessons without a module
	Lessons []*Lesson
	Minutes int
}

// A Lesson is one page of a curriculum.
type Lesson struct {
	Title, Page, Path, File string
	Module                  string
	Order                   int
	HasOrder                bool
	// Duration is as written; Minutes, as understood.
	Duration string
	Minutes  int
	Outcomes []string
	// Prerequisites are the lessons to do first.
	Prerequisites []*Lesson
	// Number is the lesson's position in its curriculum, from 1.
	Number     int
	Prev, Next *Lesson
	Curriculum *Curriculum

	prereqs []ref
}

type ref struct {
	dest string
	pos  content.Pos
}

var durationRE = regexp.MustCompile(`^(?:([0-9]+)h)?(?:([0-9]+)m(?:in)?)?$`)

// ParseDuration reads a lesson's duration, "45m", "1h" or "1h30m", as
// minutes.
func ParseDuration(s string) (int, bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "")
	m := durationRE.FindStringSubmatch(s)
	if s == "" || m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	if h*60+min == 0 {
		return 0, false
	}
	return h*60 + min, true
}

// FormatMinutes writes minutes as people read them: "45 min", "1 h",
// "2 h 30 min".
func FormatMinutes(n int) string {
	switch {
	case n < 60:
		return fmt.Sprintf("%d min", n)
	case n%60 == 0:
		return fmt.Sprintf("%d h", n/60)
	}
	return fmt.Sprintf("%d h %d min", n/60, n%60)
}

// Time is the lesson's duration as people read it.
func (l *Lesson) Time() string {
	if l.Minutes == 0 {
		return ""
	}
	return FormatMinutes(l.Minutes)
}

// Time is the module's total duration as people read it.
func (m *Module) Time() string { return FormatMinutes(m.Minutes) }

// Time is the curriculum's total duration as people read it.
func (c *Curriculum) Time() string { return FormatMinutes(c.Minutes) }

// DecodeLesson reads the lesson keys of a page.
func DecodeLesson(pg *content.Page, diags *diag.List) *Lesson {
	l := &Lesson{Title: pg.Title, Page: pg.URL, Path: pg.Path, File: pg.File}
	bad := func(v *yaml.Node, format string, args ...any) {
		diags.Add(diag.Diagnostic{Path: pg.File, Line: v.Line, Column: v.Column, Severity: diag.Error, Code: diag.LessonInvalid, Message: fmt.Sprintf(format, args...)})
	}
	if v := pg.Meta.Get("module"); v != nil {
		s, err := content.String("module", v)
		if err != nil {
			bad(v, "%s", err.(*content.Error).Msg)
		}
		l.Module = strings.TrimSpace(s)
	}
	if v := pg.Meta.Get("order"); v != nil {
		n, err := content.Int("order", v)
		if err != nil {
			bad(v, "%s", err.(*content.Error).Msg)
		} else {
			l.Order, l.HasOrder = n, true
		}
	}
	if v := pg.Meta.Get("duration"); v != nil {
		l.Duration = v.Value
		n, ok := ParseDuration(v.Value)
		if !ok || v.Kind != yaml.ScalarNode {
			bad(v, "duration %q is not understood: write minutes and hours such as 30m, 1h or 1h30m", v.Value)
		}
		l.Minutes = n
	}
	if v := pg.Meta.Get("outcomes"); v != nil {
		s, err := content.Strings("outcomes", v)
		if err != nil {
			bad(v, "%s", err.(*content.Error).Msg)
		}
		l.Outcomes = s
	}
	if v := pg.Meta.Get("prerequisites"); v != nil {
		nodes := v.Content
		if v.Kind == yaml.ScalarNode {
			nodes = []*yaml.Node{v}
		}
		if v.Kind == yaml.MappingNode {
			bad(v, "prerequisites: want a list of lessons such as [product-vision.md]")
			nodes = nil
		}
		for _, n := range nodes {
			if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
				bad(n, "prerequisites: each item must be the path of a lesson, such as product-vision.md")
				continue
			}
			l.prereqs = append(l.prereqs, ref{strings.TrimSpace(n.Value), content.PosOf(n)})
		}
	}
	return l
}

// New makes the curriculum headed by the section page pg out of its
// lessons: it orders them, groups them into modules, and resolves and
// checks their prerequisites.
func New(pg *content.Page, lessons []*Lesson, diags *diag.List) *Curriculum {
	c := &Curriculum{Title: pg.Title, Page: pg.URL, Dir: path.Dir(pg.Path), Lessons: slices.Clone(lessons)}
	if v := pg.Meta.Get("audience"); v != nil {
		c.Audience, _ = content.String("audience", v)
	}
	slices.SortStableFunc(c.Lessons, func(a, b *Lesson) int {
		if a.HasOrder != b.HasOrder {
			if a.HasOrder {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path))
	})
	byPath := make(map[string]*Lesson, len(c.Lessons))
	modules := map[string]*Module{}
	for i, l := range c.Lessons {
		l.Number, l.Curriculum = i+1, c
		if i > 0 {
			l.Prev, c.Lessons[i-1].Next = c.Lessons[i-1], l
		}
		byPath[l.Path] = l
		m := modules[l.Module]
		if m == nil {
			m = &Module{Name: l.Module}
			modules[l.Module] = m
			c.Modules = append(c.Modules, m)
		}
		m.Lessons = append(m.Lessons, l)
		m.Minutes += l.Minutes
		c.Minutes += l.Minutes
	}
	for _, l := range c.Lessons {
		for _, r := range l.prereqs {
			dest, _, _ := strings.Cut(r.dest, "#")
			target := path.Join(path.Dir(l.Path), dest)
			p, ok := byPath[target]
			if !ok {
				p, ok = byPath[target+".md"]
			}
			if ok && p == l {
				diags.Add(diag.Diagnostic{Path: l.File, Line: r.pos.Line, Column: r.pos.Column, Severity: diag.Error, Code: diag.LessonInvalid,
					Message: fmt.Sprintf("prerequisite %s is this lesson itself: remove it", r.dest)})
				continue
			}
			if !ok {
				diags.Add(diag.Diagnostic{Path: l.File, Line: r.pos.Line, Column: r.pos.Column, Severity: diag.Error, Code: diag.LessonInvalid,
					Message: fmt.Sprintf("prerequisite %s is not a lesson of the curriculum %q: give the path of another lesson in %s/, relative to this page", r.dest, c.Title, c.Dir)})
				continue
			}
			l.Prerequisites = append(l.Prerequisites, p)
			if p.Number > l.Number {
				diags.Add(diag.Diagnostic{Path: l.File, Line: r.pos.Line, Column: r.pos.Column, Severity: diag.Warning, Code: diag.LessonInvalid,
					Message: fmt.Sprintf("prerequisite %q is lesson %d, after this lesson (%d): give it a lower order", p.Title, p.Number, l.Number)})
			}
		}
	}
	c.checkCycles(diags)
	return c
}

// checkCycles reports each cycle of prerequisites once, naming every
// lesson in it, at the prerequisite of its first lesson (in curriculum
// order) that leads into the cycle.
func (c *Curriculum) checkCycles(diags *diag.List) {
	const (
		unseen = iota
		active
		done
	)
	state := make(map[*Lesson]int, len(c.Lessons))
	var stack []*Lesson
	var visit func(l *Lesson)
	visit = func(l *Lesson) {
		state[l] = active
		stack = append(stack, l)
		for _, p := range l.Prerequisites {
			switch state[p] {
			case unseen:
				visit(p)
			case active:
				i := slices.Index(stack, p)
				cycle := slices.Clone(stack[i:])
				// Start the report at the cycle's earliest lesson.
				first := 0
				for j, x := range cycle {
					if x.Number < cycle[first].Number {
						first = j
					}
				}
				cycle = append(cycle[first:], cycle[:first]...)
				names := make([]string, 0, len(cycle)+1)
				for _, x := range cycle {
					names = append(names, fmt.Sprintf("%q", x.Title))
				}
				names = append(names, fmt.Sprintf("%q", cycle[0].Title))
				from, to := cycle[0], cycle[1%len(cycle)]
				line, col := from.prereqLine(to)
				diags.Add(diag.Diagnostic{Path: from.File, Line: line, Column: col, Severity: diag.Error, Code: diag.PrerequisiteCycle,
					Message: fmt.Sprintf("prerequisites form a cycle: %s needs %s: remove one of these prerequisites", names[0], strings.Join(names[1:], ", which needs "))})
			}
		}
		stack = stack[:len(stack)-1]
		state[l] = done
	}
	for _, l := range c.Lessons {
		if state[l] == unseen {
			visit(l)
		}
	}
}

// prereqLine returns where l names p as a prerequisite.
func (l *Lesson) prereqLine(p *Lesson) (int, int) {
	for _, r := range l.prereqs {
		dest, _, _ := strings.Cut(r.dest, "#")
		t := path.Join(path.Dir(l.Path), dest)
		if t == p.Path || t+".md" == p.Path {
			return r.pos.Line, r.pos.Column
		}
	}
	return 0, 0
}

// JSON is one curriculum as published in api/curricula.json.
type JSON struct {
	Page     string       `json:"page"`
	Title    string       `json:"title"`
	Audience string       `json:"audience"`
	Minutes  int          `json:"duration_minutes"`
	Lessons  []LessonJSON `json:"lessons"`
}

// LessonJSON is one lesson in api/curricula.json; Prerequisites are page
// URLs.
type LessonJSON struct {
	Page          string   `json:"page"`
	Title         string   `json:"title"`
	Module        string   `json:"module"`
	Order         int      `json:"order"`
	Minutes       int      `json:"duration_minutes"`
	Prerequisites []string `json:"prerequisites"`
}

// ToJSON returns curricula as published, each URL prefixed with base; a
// lesson's order is its position in the curriculum, from 1.
func ToJSON(cs []*Curriculum, base string) []JSON {
	out := make([]JSON, 0, len(cs))
	for _, c := range cs {
		j := JSON{Page: base + c.Page, Title: c.Title, Audience: c.Audience, Minutes: c.Minutes, Lessons: []LessonJSON{}}
		for _, l := range c.Lessons {
			lj := LessonJSON{Page: base + l.Page, Title: l.Title, Module: l.Module, Order: l.Number, Minutes: l.Minutes, Prerequisites: []string{}}
			for _, p := range l.Prerequisites {
				lj.Prerequisites = append(lj.Prerequisites, base+p.Page)
			}
			j.Lessons = append(j.Lessons, lj)
		}
		out = append(out, j)
	}
	return out
}
