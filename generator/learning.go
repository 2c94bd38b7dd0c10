package generator

import (
	"path"
	"slices"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/curriculum"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/playbook"
	"github.com/opsdocs/opsdocs/generator/render"
)

var (
	freshnessView = view{
		url: "/freshness/", layout: "freshness", title: "Review freshness", field: "Freshness",
		entries: func(b *builder) int {
			if b.report == nil {
				return 0
			}
			return b.report.Total
		},
		part: func(b *builder, pg *render.Pager, from, to int) {
			if b.report != nil {
				pg.Owners = b.report.Part(from, to)
			}
		},
	}
	changesView = view{
		url: "/changes/", layout: "changes", title: "What changed", field: "Changes",
		entries: func(b *builder) int { return freshness.DigestLen(b.changes) },
		part: func(b *builder, pg *render.Pager, from, to int) {
			pg.Months = freshness.DigestPart(b.changes, from, to)
		},
	}
)

// decodeLearning reads playbooks and curricula, and the review status of
// every page.
func (b *builder) decodeLearning() {
	siteEvery := b.siteEvery()
	parallel(len(b.pages), func(i int) { b.decodePageLearning(b.pages[i], siteEvery, &b.diags) })
	b.curricula(&b.diags)
	b.rollUpLearning()
	b.addView(freshnessView, b.report != nil)
	b.addView(changesView, len(b.changes) > 0)
}

// siteEvery is the site's review interval.
func (b *builder) siteEvery() freshness.Interval {
	every, _ := freshness.ParseInterval(b.cfg.ReviewEvery) // checked by config
	return every
}

// decodePageLearning reads the review status of one page, and resolves
// the links of its playbook.
func (b *builder) decodePageLearning(p *page, siteEvery freshness.Interval, diags *diag.List) {
	p.review = b.review(p, siteEvery, diags)
	if p.review != nil && p.review.Status == freshness.Overdue && b.opts.FailOnStale {
		diags.Errorf(p.File, p.Meta.Line("reviewed"), diag.OverdueReview, "review overdue by %s (due %s, owner %s): review the page and update reviewed:",
			diag.Plural(p.review.DaysOverdue, "day"), p.review.Due.Format("2006-01-02"), or(p.Owner, "none"))
	}
	if p.playbook == nil {
		return
	}
	for _, t := range p.playbook.Templates {
		t.Title = t.Dest
		l, to, ok := markdown.ResolveLink(t.Dest, b.linkOptions(p, 0))
		if !ok {
			t.URL = t.Dest // another site
			continue
		}
		l.Line, l.Column = t.Pos.Line, t.Pos.Column
		p.fieldLinks = append(p.fieldLinks, fieldLink{l, "template"})
		if l.Found {
			t.URL = to
			if tp, ok := b.byPath[l.Target]; ok {
				t.Title = tp.Title
			}
		}
	}
}

// rollUpLearning gathers the review status of every page into the report
// of /freshness/, and the pages' updated dates into the digest of
// /changes/.
func (b *builder) rollUpLearning() {
	var reviews []*freshness.Review
	var changes []freshness.Change
	for _, p := range b.pages {
		if p.review != nil {
			reviews = append(reviews, p.review)
		}
		if !p.Updated.IsZero() {
			changes = append(changes, freshness.Change{Page: p.URL, Title: p.Title, Description: p.Description, Updated: p.Updated})
		}
	}
	b.report = nil
	if len(reviews) > 0 {
		b.report = freshness.NewReport(reviews)
	}
	b.changes = freshness.Digest(changes)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// review returns the review status of a page: its own review_every, else
// the site's.
func (b *builder) review(p *page, siteEvery freshness.Interval, diags *diag.List) *freshness.Review {
	if p.Generated {
		return nil
	}
	every := siteEvery
	if p.ReviewEvery != "" {
		iv, err := freshness.ParseInterval(p.ReviewEvery)
		if err != nil {
			diags.Errorf(p.File, p.Meta.Line("review_every"), diag.BadFrontMatter, "review_every: %v", err)
			return nil
		}
		every = iv
	}
	r := freshness.Judge(p.Reviewed, every, b.opts.Now)
	if r != nil {
		r.Page, r.Title, r.Owner, r.File = p.URL, p.Title, p.Owner, p.File
	}
	return r
}

// curricula finds every folder whose section page has type: curriculum
// and makes its pages lessons. It may run again after pages changed: it
// first undoes what it set on the pages the previous time.
func (b *builder) curricula(diags *diag.List) {
	b.undoCurricula()
	heads := map[string]*page{} // folder -> curriculum page
	for _, p := range b.pages {
		if p.IsIndex && p.Type == content.TypeCurriculum {
			heads[path.Dir(p.Path)] = p
		}
	}
	lessons := map[*page][]*curriculum.Lesson{}
	for _, p := range b.pages {
		if p.IsIndex {
			if p.Type == content.TypeLesson {
				diags.Warnf(p.File, 0, diag.LessonInvalid, "a section page is not a lesson: only the other pages of a curriculum's folder are")
			}
			continue
		}
		var head *page
		for dir := path.Dir(p.Path); dir != "."; dir = path.Dir(dir) {
			if h, ok := heads[dir]; ok {
				head = h
				break
			}
		}
		if head == nil {
			if p.Type == content.TypeLesson {
				diags.Warnf(p.File, 0, diag.LessonInvalid, "lesson outside a curriculum: move it into a folder whose _index.md has type: curriculum")
			}
			continue
		}
		if p.Type == content.TypePage {
			p.Type = content.TypeLesson
			b.courseEdits = append(b.courseEdits, courseEdit{p: p, typ: true})
		}
		if p.Type != content.TypeLesson {
			continue // a playbook or roadmap kept with the course
		}
		p.lesson = curriculum.DecodeLesson(p.Page, diags)
		b.courseEdits = append(b.courseEdits, courseEdit{p: p})
		lessons[head] = append(lessons[head], p.lesson)
	}
	for _, p := range b.pages {
		if h, ok := heads[path.Dir(p.Path)]; ok && h == p {
			p.curriculum = curriculum.New(p.Page, lessons[p], diags)
			b.courses = append(b.courses, p.curriculum)
			b.courseEdits = append(b.courseEdits, courseEdit{p: p})
			// The sidebar lists lessons in curriculum order, unless
			// they say otherwise.
			for _, l := range p.curriculum.Lessons {
				if lp := b.byPath[l.Path]; lp != nil && lp.Weight == 0 {
					lp.Weight = l.Number
					b.courseEdits = append(b.courseEdits, courseEdit{p: lp, weight: true})
				}
			}
		}
	}
}

// A courseEdit is what curricula set on a page: its lesson or
// curriculum, and maybe its type (page became lesson) or its weight (its
// number in the curriculum).
type courseEdit struct {
	p           *page
	typ, weight bool
}

// undoCurricula gives the pages back the type and weight they were
// written with, and forgets the curricula.
func (b *builder) undoCurricula() {
	for _, e := range slices.Backward(b.courseEdits) {
		e.p.lesson, e.p.curriculum = nil, nil
		if e.typ {
			e.p.Type = content.TypePage
		}
		if e.weight {
			e.p.Weight = 0
		}
	}
	b.courseEdits, b.courses = nil, nil
}

// playbookEntries lists the playbooks among the pages of a section, for
// its index.
func (b *builder) playbookEntries(p *page) []*playbook.Entry {
	if !p.IsIndex || p.Section == nil {
		return nil
	}
	var out []*playbook.Entry
	for _, c := range p.Section.Pages {
		cp := b.byPath[c.Path]
		if cp == nil || cp.playbook == nil {
			continue
		}
		out = append(out, &playbook.Entry{
			Title: cp.Title, URL: b.base + cp.URL, Description: cp.Description,
			Owner: cp.Owner, When: cp.playbook.When, Duration: cp.playbook.Duration, Review: cp.review,
		})
	}
	return out
}
