package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// today is the date the generated dates are spread before.
var today = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

var kpiMetrics = []string{
	"rate", "time to value", "p95 latency", "weekly active accounts",
	"conversion", "tickets per account", "cycle time", "NPS", "churn",
	"expansion revenue", "uptime", "first response time", "adoption",
}

// writer writes the Markdown of planned pages.
type writer struct {
	s  *site
	r  *rand.Rand
	b  bytes.Buffer
	p  *page
	fn []string // footnotes of the page being written
}

func newWriter(s *site) *writer { return &writer{s: s, r: s.rng} }

func (w *writer) page(p *page) []byte {
	w.b.Reset()
	w.p, w.fn = p, w.fn[:0]
	if p.kind == kindPage && w.r.IntN(30) == 0 {
		w.tomlFrontMatter()
	} else {
		w.frontMatter()
	}
	w.body()
	return bytes.Clone(w.b.Bytes())
}

func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func (w *writer) date(maxDaysAgo int) string {
	return today.AddDate(0, 0, -w.r.IntN(maxDaysAgo+1)).Format(time.DateOnly)
}

func (w *writer) frontMatter() {
	p, r := w.p, w.r
	w.printf("---\ntitle: %s\n", strconv.Quote(p.title))
	w.printf("description: %s\n", strconv.Quote(w.sentence()))
	switch p.kind {
	case kindPlaybook, kindRoadmap, kindKPIs, kindCurriculum:
		w.printf("type: %s\n", p.kind)
	}
	if p.kind != kindHome {
		w.printf("team: %s\nowner: %s\n", p.team, p.owner)
		w.printf("tags: [%s, %s]\n", pick(r, areas), slug(pick(r, themes)))
		if r.IntN(5) > 0 {
			w.printf("reviewed: %s\nreview_every: %s\n", w.date(420), pick(r, reviewEvery))
		}
		w.printf("updated: %s\n", w.date(600))
	}
	if p.weight > 0 {
		w.printf("weight: %d\n", p.weight)
	}
	switch p.kind {
	case kindPlaybook:
		w.playbookMeta()
	case kindRoadmap:
		w.roadmapMeta()
	case kindKPIs:
		w.kpisMeta(4 + r.IntN(6))
	case kindCurriculum:
		w.printf("audience: %s\n", strconv.Quote(humanize(pick(r, tracks))+" in their first 30 days"))
	case kindLesson:
		w.lessonMeta()
	case kindPage:
		if p.top == "teams" && r.IntN(40) == 0 {
			w.kpisMeta(1 + r.IntN(3))
		}
	}
	w.b.WriteString("---\n\n")
}

func (w *writer) tomlFrontMatter() {
	p, r := w.p, w.r
	w.printf("+++\ntitle = %s\ndescription = %s\n", strconv.Quote(p.title), strconv.Quote(w.sentence()))
	w.printf("team = %q\nowner = %q\ntags = [%q]\n", p.team, p.owner, pick(r, areas))
	w.printf("updated = %s\n", w.date(600))
	if p.weight > 0 {
		w.printf("weight = %d\n", p.weight)
	}
	w.b.WriteString("+++\n\n")
}

func (w *writer) playbookMeta() {
	r := w.r
	w.printf("when: %s\n", strconv.Quote(upper(pick(r, connectors))+" "+pick(r, events)))
	w.printf("duration: %s\n", pick(r, playbookDurations))
	w.b.WriteString("roles:\n")
	for _, role := range []string{"responsible", "accountable", "consulted", "informed"} {
		n := 1
		if role == "consulted" || role == "informed" {
			n += r.IntN(3)
		}
		w.printf("  %s: [%s]\n", role, strings.Join(w.distinct(roles, n), ", "))
	}
	if ts := w.s.templates; len(ts) > 0 {
		var links []string
		for range 1 + r.IntN(2) {
			links = append(links, rel(w.p.dir, pick(r, ts).path))
		}
		w.printf("templates: [%s]\n", strings.Join(links, ", "))
	}
}

func (w *writer) roadmapMeta() {
	r := w.r
	year := 2025 + r.IntN(2)
	w.printf("period: %d-H%d\nitems:\n", year, 1+r.IntN(2))
	for range 4 + r.IntN(9) {
		w.printf("  - title: %s\n", strconv.Quote(upper(pick(r, adjectives))+" "+pick(r, nouns)))
		w.printf("    status: %s\n", pick(r, statuses))
		if r.IntN(5) > 0 {
			w.printf("    quarter: %d-Q%d\n", year, 1+r.IntN(4))
		}
		w.printf("    owner: %s\n", pick(r, people))
		w.printf("    theme: %s\n", pick(r, themes))
		if r.IntN(4) > 0 {
			w.printf("    confidence: %s\n", pick(r, confidences))
		}
		if r.IntN(3) == 0 {
			w.printf("    link: %s\n", rel(w.p.dir, w.target().path))
		}
		w.printf("    description: %s\n", strconv.Quote("Make the "+pick(r, nouns)+" *"+pick(r, adjectives)+"* "+pick(r, connectors)+" "+pick(r, events)))
	}
}

func (w *writer) kpisMeta(n int) {
	r := w.r
	w.b.WriteString("kpis:\n")
	for range n {
		area := pick(r, kpiAreas)
		name := upper(area) + " " + pick(r, kpiMetrics)
		id := slug(w.p.team + " " + name)
		for i := 2; w.s.kpiIDs[id]; i++ {
			id = slug(w.p.team+" "+name) + "-" + strconv.Itoa(i)
		}
		w.s.kpiIDs[id] = true
		target := float64(10 + r.IntN(90))
		w.printf("  - name: %s\n    id: %s\n    owner: %s\n    unit: %s\n    target: %s\n",
			strconv.Quote(name), id, slug(w.p.team)+"-team", strconv.Quote(pick(r, units)), num(target))
		if r.IntN(8) > 0 {
			w.printf("    actual: %s\n", num(target*(0.7+r.Float64()*0.5)))
		}
		if r.IntN(3) == 0 {
			w.printf("    direction: down\n")
		} else if r.IntN(2) == 0 {
			w.printf("    direction: up\n")
		}
		if r.IntN(3) == 0 {
			w.printf("    tolerance: %d\n", 5+r.IntN(20))
		}
		asOf := today.AddDate(0, 0, -r.IntN(90))
		w.printf("    as_of: %s\n", asOf.Format(time.DateOnly))
		h := 3 + r.IntN(6)
		if r.IntN(4) == 0 {
			w.b.WriteString("    history:\n")
			for i := range h {
				w.printf("      - {date: %s, value: %s}\n", asOf.AddDate(0, -(h-1-i), 0).Format(time.DateOnly), num(target*(0.6+r.Float64()*0.5)))
			}
		} else {
			vals := make([]string, h)
			for i := range vals {
				vals[i] = num(target * (0.6 + r.Float64()*0.5))
			}
			w.printf("    history: [%s]\n", strings.Join(vals, ", "))
		}
		w.printf("    source: %s\n", strconv.Quote(pick(r, sources)))
		w.printf("    definition: %s\n", strconv.Quote("Share of "+pick(r, nouns)+"s that "+strings.TrimSuffix(pick(r, verbs), "s")+" within 7 days"))
	}
}

func (w *writer) lessonMeta() {
	p, r := w.p, w.r
	w.printf("module: %s\norder: %d\nduration: %s\n", strconv.Quote(p.module), p.order, pick(r, durations))
	if len(p.prereq) > 0 {
		names := make([]string, len(p.prereq))
		for i, q := range p.prereq {
			names[i] = rel(p.dir, q.path)
		}
		w.printf("prerequisites: [%s]\n", strings.Join(names, ", "))
	}
	w.printf("outcomes: [%s, %s]\n", strconv.Quote("Can explain the "+pick(r, nouns)), strconv.Quote("Knows who "+pick(r, verbs)+" the "+pick(r, nouns)))
}

// num writes a number with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(float64(int(f*10))/10, 'f', -1, 64) }

func upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (w *writer) distinct(list []string, n int) []string {
	var out []string
	for len(out) < n {
		v := pick(w.r, list)
		if !containsString(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// target picks a page to link to: often a neighbour, else any page.
func (w *writer) target() *page {
	p, r := w.p, w.r
	f := p.folder
	switch n := r.IntN(10); {
	case n < 5 && len(f.pages) > 1:
		for {
			if q := pick(r, f.pages); q != p {
				return q
			}
		}
	case n < 6 && len(f.folders) > 0:
		return pick(r, f.folders).index
	}
	for {
		if q := pick(r, w.s.pages); q != p {
			return q
		}
	}
}

// link writes a Markdown link to another page, to one of its headings
// four times in ten.
func (w *writer) link() {
	t := w.target()
	dest := rel(w.p.dir, t.path)
	text := t.title
	if len(t.headings) > 0 && w.r.IntN(10) < 4 {
		h := pick(w.r, t.headings)
		dest += "#" + h.id
		text = h.text + " in " + t.title
	}
	w.printf("[%s](%s)", text, dest)
}

func (w *writer) body() {
	p, r := w.p, w.r
	start := w.b.Len()
	w.paragraph()
	if p.kind == kindHome || p.kind == kindSection || p.kind == kindCurriculum {
		w.sectionList()
	}
	if p.kind == kindPlaybook {
		w.b.WriteString("> [!IMPORTANT]\n> ")
		w.b.WriteString(w.sentence())
		w.b.WriteString("\n\n")
	}
	per := max(300, (p.size-(w.b.Len()-start))/len(p.headings))
	for i, h := range p.headings {
		w.printf("%s %s\n\n", strings.Repeat("#", h.level), h.text)
		end := w.b.Len() + per
		w.paragraph()
		first := true
		for w.b.Len() < end {
			w.block(i, first)
			first = false
		}
	}
	if r.IntN(4) == 0 && len(p.headings) > 1 {
		h := pick(r, p.headings)
		w.printf("Back to [%s](#%s).\n\n", h.text, h.id)
	}
	for i, note := range w.fn {
		w.printf("[^%d]: %s\n", i+1, note)
	}
	if len(w.fn) > 0 {
		w.b.WriteByte('\n')
	}
}

// sectionList links a section page to its pages.
func (w *writer) sectionList() {
	f := w.p.folder
	n := min(len(f.pages)+len(f.folders), 6)
	if n == 0 {
		return
	}
	w.b.WriteString("Start with these:\n\n")
	for i := range n {
		var t *page
		if i < len(f.folders) {
			t = f.folders[i].index
		} else {
			t = f.pages[i-len(f.folders)]
		}
		w.printf("- [%s](%s): %s\n", t.title, rel(w.p.dir, t.path), strings.TrimSuffix(w.sentence(), "."))
	}
	w.b.WriteByte('\n')
}

// block writes one block of a section's body, chosen by the page's kind.
func (w *writer) block(section int, first bool) {
	p, r := w.p, w.r
	if first {
		switch p.kind {
		case kindPlaybook:
			if section == 0 {
				w.orderedList()
				return
			}
			if section == 1 {
				w.taskList()
				return
			}
		case kindLesson:
			if section == 0 {
				w.taskList()
				return
			}
		case kindDecision:
			if section == 0 {
				w.table()
				return
			}
		case kindTemplate:
			if section == 0 {
				w.templateBlock()
				return
			}
		case kindKPIs:
			if section == 0 {
				w.defList()
				return
			}
		}
	}
	switch n := r.IntN(100); {
	case n < 40:
		w.paragraph()
	case n < 52:
		w.bulletList()
	case n < 58:
		w.orderedList()
	case n < 66:
		w.table()
	case n < 76:
		w.code()
	case n < 80:
		w.alert()
	case n < 83:
		w.quote()
	case n < 88:
		w.image()
	case n < 92:
		w.taskList()
	case n < 95:
		w.defList()
	default:
		w.paragraph()
	}
}

func (w *writer) sentence() string {
	r := w.r
	s := upper(pick(r, actors)) + " " + pick(r, verbs) + " the " + pick(r, adjectives) + " " + pick(r, nouns)
	if r.IntN(2) == 0 {
		s += " " + pick(r, connectors) + " " + pick(r, events)
	}
	return s + "."
}

// inline writes a sentence with, now and then, emphasis, code, a link or
// a footnote.
func (w *writer) inline() {
	r := w.r
	switch n := r.IntN(100); {
	case n < 9:
		w.b.WriteString("See ")
		w.link()
		w.b.WriteString(" for the details.")
	case n < 16:
		w.printf("%s **%s %s** %s %s.", upper(pick(r, actors)), pick(r, verbs), pick(r, nouns), pick(r, connectors), pick(r, events))
	case n < 20:
		w.printf("%s *%s* %s.", upper(pick(r, actors)), pick(r, verbs), "the "+pick(r, nouns))
	case n < 24:
		w.printf("Set `%s_%s` to `%s` %s %s.", slug(pick(r, adjectives)), strings.ReplaceAll(slug(pick(r, nouns)), "-", "_"), pick(r, []string{"true", "false", "weekly", "42", "off"}), pick(r, connectors), pick(r, events))
	case n < 26:
		w.printf("The dashboard lives at <https://metrics.northwind.example/%s/%s>.", slug(w.p.team), slug(pick(r, nouns)))
	case n < 28:
		w.printf("Ask in [#%s](https://chat.northwind.example/channels/%s) when in doubt.", slug(w.p.team), slug(w.p.team))
	case n < 30:
		w.fn = append(w.fn, w.sentence())
		s := w.sentence()
		w.printf("%s[^%d]", s, len(w.fn))
	default:
		w.b.WriteString(w.sentence())
	}
}

func (w *writer) paragraph() {
	for i := range 3 + w.r.IntN(4) {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.inline()
	}
	w.b.WriteString("\n\n")
}

func (w *writer) bulletList() {
	r := w.r
	for range 3 + r.IntN(5) {
		w.b.WriteString("- ")
		w.inline()
		w.b.WriteByte('\n')
		if r.IntN(5) == 0 {
			for range 2 + r.IntN(2) {
				w.printf("  - %s\n", w.sentence())
			}
		}
	}
	w.b.WriteByte('\n')
}

func (w *writer) orderedList() {
	for i := range 3 + w.r.IntN(6) {
		w.printf("%d. ", i+1)
		w.inline()
		w.b.WriteByte('\n')
	}
	w.b.WriteByte('\n')
}

func (w *writer) taskList() {
	r := w.r
	for range 3 + r.IntN(5) {
		check := " "
		if r.IntN(4) == 0 {
			check = "x"
		}
		w.printf("- [%s] %s the %s %s\n", check, upper(strings.TrimSuffix(pick(r, verbs), "s")), pick(r, adjectives), pick(r, nouns))
	}
	w.b.WriteByte('\n')
}

func (w *writer) table() {
	r := w.r
	cols := 3 + r.IntN(3)
	heads := w.distinct(headingWords, cols)
	w.b.WriteString("|")
	for _, h := range heads {
		w.printf(" %s |", h)
	}
	w.b.WriteString("\n|")
	for i := range cols {
		w.b.WriteString([]string{" --- |", " :--- |", " ---: |", " :---: |"}[(i+r.IntN(2))%4])
	}
	w.b.WriteByte('\n')
	for range 3 + r.IntN(8) {
		w.b.WriteString("|")
		for c := range cols {
			switch c {
			case 0:
				w.printf(" %s %s |", upper(pick(r, adjectives)), pick(r, nouns))
			case 1:
				w.printf(" %s |", pick(r, people))
			case 2:
				w.printf(" %d%% |", r.IntN(101))
			default:
				w.printf(" %s |", pick(r, []string{"on track", "at risk", "`blocked`", "**done**", "2026-Q3", "n/a"}))
			}
		}
		w.b.WriteByte('\n')
	}
	w.b.WriteByte('\n')
}

func (w *writer) alert() {
	kind := pick(w.r, []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"})
	w.printf("> [!%s]\n> %s\n\n", kind, w.sentence())
}

func (w *writer) quote() {
	w.printf("> %s\n> %s\n\n", w.sentence(), w.sentence())
}

func (w *writer) image() {
	imgs := w.s.topImages[w.p.top]
	if len(imgs) == 0 {
		imgs = w.s.topImages["guides"]
	}
	img := pick(w.r, imgs)
	w.printf("![%s %s](%s)\n\n", upper(pick(w.r, adjectives)), pick(w.r, nouns), rel(w.p.dir, img))
}

func (w *writer) defList() {
	for range 2 + w.r.IntN(3) {
		w.printf("%s\n: %s\n\n", upper(pick(w.r, nouns)), w.sentence())
	}
}

func (w *writer) templateBlock() {
	r := w.r
	w.b.WriteString("Copy this outline into a new page:\n\n```markdown\n")
	w.printf("# %s %s\n\n", upper(pick(r, adjectives)), pick(r, nouns))
	for range 3 + r.IntN(3) {
		w.printf("## %s\n\n- %s\n- Owner: @%s\n\n", pick(r, headingWords), w.sentence(), pick(r, people))
	}
	w.b.WriteString("```\n\n")
}

func (w *writer) code() {
	r := w.r
	lang := pick(r, codeLanguages)
	noun := strings.ReplaceAll(slug(pick(r, nouns)), "-", "_")
	team := strings.ReplaceAll(slug(w.p.team), "-", "_")
	w.printf("```%s\n", lang)
	switch lang {
	case "sql":
		w.printf("SELECT account_id, count(*) AS %ss\nFROM fct_%s\nWHERE event_date >= '2026-%02d-01'\n  AND team = '%s'\nGROUP BY account_id\nORDER BY %ss DESC\nLIMIT %d;\n",
			noun, noun, 1+r.IntN(12), team, noun, 10*(1+r.IntN(10)))
	case "yaml":
		w.printf("%s:\n  owner: %s\n  cadence: %s\n  channels:\n    - \"#%s\"\n    - \"#%s-alerts\"\n  threshold: %d\n", noun, pick(r, people), pick(r, reviewEvery), slug(w.p.team), slug(w.p.team), r.IntN(100))
	case "python":
		w.printf("def %s_score(rows, weight=%d):\n    \"\"\"Score each %s for the %s team.\"\"\"\n    total = 0\n    for row in rows:\n        if row[\"status\"] == \"%s\":\n            total += row[\"value\"] * weight\n    return total / max(len(rows), 1)\n",
			noun, 1+r.IntN(9), noun, w.p.team, pick(r, statuses))
	case "bash":
		w.printf("# Export the %s report\nopsctl report %s --team %s --since 2026-%02d-01 \\\n  --format csv > %s.csv\nwc -l %s.csv\n", noun, noun, team, 1+r.IntN(12), noun, noun)
	case "json":
		w.printf("{\n  \"%s\": {\n    \"owner\": \"%s\",\n    \"status\": \"%s\",\n    \"target\": %d,\n    \"tags\": [\"%s\", \"%s\"]\n  }\n}\n", noun, pick(r, people), pick(r, statuses), r.IntN(100), pick(r, areas), pick(r, areas))
	case "go":
		w.printf("func %sReady(s Status) bool {\n\tif s.Owner == \"\" {\n\t\treturn false\n\t}\n\treturn s.Score >= %d && s.Stage != %q\n}\n", noun, r.IntN(100), pick(r, statuses))
	case "javascript":
		w.printf("export function %sLabel(item) {\n  const pct = Math.round(item.value * 100);\n  return `${item.name}: ${pct}%% (%s)`;\n}\n", noun, pick(r, statuses))
	case "toml":
		w.printf("[%s]\nowner = \"%s\"\nreview = \"%s\"\nlimit = %d\n", noun, pick(r, people), pick(r, reviewEvery), r.IntN(1000))
	default:
		for range 3 + r.IntN(4) {
			w.printf("%s  %-12s %s\n", today.AddDate(0, 0, -r.IntN(90)).Format(time.DateOnly), pick(r, people), w.sentence())
		}
	}
	w.b.WriteString("```\n\n")
}
