package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
)

// Page kinds. Most are front-matter types; section is the _index.md of a
// plain folder, decision and template are plain pages with their own
// shape of body.
const (
	kindHome       = "home"
	kindSection    = "section"
	kindPage       = "page"
	kindPlaybook   = "playbook"
	kindRoadmap    = "roadmap"
	kindKPIs       = "kpis"
	kindCurriculum = "curriculum"
	kindLesson     = "lesson"
	kindDecision   = "decision"
	kindTemplate   = "template"
)

// A page is planned before any is written, so that every link can point at
// a page, and a heading, that will exist.
type page struct {
	path     string // below content/
	dir      string // its folder below content/, "" for the root
	top      string // its top-level section, "" for the home page
	kind     string
	title    string
	team     string
	owner    string
	weight   int
	size     int // bytes of body to aim for
	headings []heading
	folder   *folder

	// Lessons.
	order  int
	module string
	prereq []*page
}

type heading struct {
	level    int
	text, id string
}

// A folder is a section: its _index.md and the pages and folders in it.
type folder struct {
	dir     string
	index   *page
	pages   []*page
	folders []*folder
	names   map[string]bool // file and folder names taken
	lessons []*page         // a curriculum's, in order
}

func (p *page) typeName() string {
	switch p.kind {
	case kindHome, kindDecision, kindTemplate:
		return kindPage
	}
	return p.kind
}

type imageFile struct {
	path string
	data []byte
}

type site struct {
	rng    *rand.Rand
	pages  []*page
	images []imageFile
	// Link targets by kind.
	playbooks, templates, guides []*page
	topImages                    map[string][]string
	kpiIDs                       map[string]bool
}

// shares of the pages, after the home page, per top-level section.
var shares = []struct {
	name  string
	title string
	share float64
}{
	{"teams", "Teams", 0.40},
	{"guides", "Guides", 0.20},
	{"onboarding", "Onboarding", 0.15},
	{"playbooks", "Playbooks", 0.08},
	{"decisions", "Decisions", 0.06},
	{"kpis", "KPIs", 0.05},
	{"roadmaps", "Roadmaps", 0.04},
	{"templates", "Templates", 0.02},
}

func newSite(opts Options) *site {
	s := &site{
		rng:       rand.New(rand.NewPCG(opts.Seed, 0x6f7073646f6373)),
		topImages: map[string][]string{},
		kpiIDs:    map[string]bool{},
	}
	root := s.newFolder(nil, "", "Northwind Product Ops", kindHome)
	budget := opts.Pages - 1
	counts := make([]int, len(shares))
	left := budget
	for i, sh := range shares {
		counts[i] = max(2, int(float64(budget)*sh.share))
		left -= counts[i]
	}
	counts[0] += left // rounding goes to the largest section
	// Templates come first so that playbooks can point at them.
	order := []int{7, 0, 1, 2, 3, 4, 5, 6}
	for _, i := range order {
		sh := shares[i]
		s.addImages(sh.name)
		f := s.newFolder(root, root.free(sh.name), sh.title, kindSection)
		n := counts[i] - 1
		switch sh.name {
		case "teams":
			s.fill(f, n, 0, fillOpts{leafMax: 30, fanout: 10, maxDepth: 3, names: teamNames, leaf: kindPage})
		case "guides":
			s.fill(f, n, 0, fillOpts{leafMax: 35, fanout: 12, maxDepth: 3, names: topicNames, leaf: kindPage})
		case "onboarding":
			s.onboarding(f, n)
		case "playbooks":
			s.fill(f, n, 0, fillOpts{leafMax: 40, fanout: 14, maxDepth: 2, names: listNames(playbookCategories), leaf: kindPlaybook})
		case "decisions":
			s.decisions(f, n)
		case "kpis":
			s.fill(f, n, 0, fillOpts{leafMax: 30, fanout: 10, maxDepth: 2, names: listNames(kpiAreas), leaf: kindKPIs})
		case "roadmaps":
			s.fill(f, n, 0, fillOpts{leafMax: 30, fanout: 10, maxDepth: 2, names: teamNames, leaf: kindRoadmap})
		case "templates":
			s.fill(f, n, 0, fillOpts{leafMax: 40, fanout: 10, maxDepth: 2, names: listNames(areas), leaf: kindTemplate})
		}
	}
	for _, p := range s.pages {
		s.planHeadings(p)
	}
	return s
}

type fillOpts struct {
	leafMax, fanout, maxDepth int
	names                     func(depth, i int) (name, title string)
	leaf                      string
}

// fill puts n pages into f: a few of its own, the rest in sub-folders of
// about leafMax pages each.
func (s *site) fill(f *folder, n, depth int, o fillOpts) {
	if n <= o.leafMax || depth >= o.maxDepth {
		for range n {
			s.newPage(f, o.leaf)
		}
		return
	}
	own := min(n-2, 2+s.rng.IntN(5))
	for range own {
		s.newPage(f, o.leaf)
	}
	n -= own
	k := (n + o.leafMax - 1) / o.leafMax
	k = max(2, min(k, o.fanout))
	for i, share := range s.split(n, k, 2) {
		name, title := o.names(depth, i)
		sub := s.newFolder(f, f.free(name), title, kindSection)
		s.fill(sub, share-1, depth+1, o)
	}
}

// split divides n into k parts of at least least each, unevenly.
func (s *site) split(n, k, least int) []int {
	if n < least {
		return []int{n}
	}
	k = max(1, min(k, n/least))
	parts := make([]int, k)
	weights := make([]float64, k)
	var total float64
	for i := range weights {
		weights[i] = 0.6 + s.rng.Float64()*0.8
		total += weights[i]
	}
	left := n
	for i := range parts {
		parts[i] = max(least, int(float64(n)*weights[i]/total))
		left -= parts[i]
	}
	for i := 0; left != 0; i = (i + 1) % k {
		switch {
		case left > 0:
			parts[i]++
			left--
		case parts[i] > least:
			parts[i]--
			left++
		}
	}
	return parts
}

// onboarding makes tracks of curricula of 8 to 24 lessons.
func (s *site) onboarding(f *folder, n int) {
	ntracks := max(1, min(len(tracks), n/120))
	for ti, share := range s.split(n, ntracks, 2) {
		name := tracks[ti%len(tracks)]
		track := s.newFolder(f, f.free(name), humanize(name), kindSection)
		left := share - 1
		for left > 0 {
			size := min(left, 9+s.rng.IntN(17))
			if left-size < 9 {
				size = left
			}
			if size < 2 {
				s.newPage(track, kindPage)
				left--
				continue
			}
			title := s.title(kindCurriculum)
			cur := s.newFolder(track, track.free(slug(title)), title, kindCurriculum)
			for range size - 1 {
				l := s.newPage(cur, kindLesson)
				cur.lessons = append(cur.lessons, l)
			}
			s.planLessons(cur)
			left -= size
		}
	}
}

func (s *site) planLessons(cur *folder) {
	perModule := 3 + s.rng.IntN(4)
	for i, l := range cur.lessons {
		l.order = i + 1
		week := i/perModule + 1
		l.module = fmt.Sprintf("Week %d: %s", week, headingWords[(week*7)%len(headingWords)])
		if i > 0 {
			for range s.rng.IntN(3) {
				p := cur.lessons[s.rng.IntN(i)]
				if !contains(l.prereq, p) {
					l.prereq = append(l.prereq, p)
				}
			}
		}
	}
}

// decisions makes one folder per year, split by quarter when large.
func (s *site) decisions(f *folder, n int) {
	years := max(1, min(8, n/100))
	for i, share := range s.split(n, years, 2) {
		year := fmt.Sprint(2026 - i)
		y := s.newFolder(f, f.free(year), "Decisions of "+year, kindSection)
		left := share - 1
		if left <= 400 {
			for range left {
				s.newPage(y, kindDecision)
			}
			continue
		}
		for q, qshare := range s.split(left, 4, 2) {
			name := fmt.Sprintf("q%d", q+1)
			qf := s.newFolder(y, y.free(name), fmt.Sprintf("%s Q%d", year, q+1), kindSection)
			for range qshare - 1 {
				s.newPage(qf, kindDecision)
			}
		}
	}
}

func (s *site) newFolder(parent *folder, dir, title, kind string) *folder {
	f := &folder{dir: dir, names: map[string]bool{"_index": true}}
	idx := &page{path: path.Join(dir, "_index.md"), dir: dir, kind: kind, title: title, folder: f}
	if parent != nil {
		parent.folders = append(parent.folders, f)
	}
	idx.top, _, _ = strings.Cut(dir, "/")
	f.index = idx
	s.setCommon(idx)
	idx.size = 600 + s.rng.IntN(1800)
	if kind == kindCurriculum {
		idx.size += 800
	}
	s.pages = append(s.pages, idx)
	return f
}

// free returns a name not yet taken in f, and takes it; the returned
// name is a path below content/.
func (f *folder) free(name string) string {
	n := name
	for i := 2; f.names[n]; i++ {
		n = fmt.Sprintf("%s-%d", name, i)
	}
	f.names[n] = true
	return path.Join(f.dir, n)
}

func (s *site) newPage(f *folder, kind string) *page {
	title := s.title(kind)
	p := &page{dir: f.dir, kind: kind, title: title, folder: f}
	p.path = f.free(slug(title)) + ".md"
	p.top, _, _ = strings.Cut(f.dir, "/")
	s.setCommon(p)
	mean := map[string]float64{
		kindPage: 4300, kindPlaybook: 7200, kindRoadmap: 3600, kindKPIs: 3600,
		kindLesson: 3400, kindDecision: 3300, kindTemplate: 2600,
	}[kind]
	mean *= 0.88
	p.size = int(mean*0.35 + s.rng.ExpFloat64()*mean*0.65)
	p.size = min(p.size, 40000)
	f.pages = append(f.pages, p)
	s.pages = append(s.pages, p)
	switch kind {
	case kindPlaybook:
		s.playbooks = append(s.playbooks, p)
	case kindTemplate:
		s.templates = append(s.templates, p)
	case kindPage:
		s.guides = append(s.guides, p)
	}
	return p
}

func (s *site) setCommon(p *page) {
	p.team = pick(s.rng, teams)
	p.owner = pick(s.rng, people)
	if s.rng.IntN(6) == 0 {
		p.weight = 1 + s.rng.IntN(20)
	}
}

func (s *site) title(kind string) string {
	r := s.rng
	switch kind {
	case kindPlaybook:
		return upper(pick(r, adjectives)) + " " + pick(r, nouns) + " playbook"
	case kindRoadmap:
		return fmt.Sprintf("%s roadmap %d-H%d", pick(r, teams), 2025+r.IntN(2), 1+r.IntN(2))
	case kindKPIs:
		return pick(r, teams) + " " + pick(r, kpiAreas) + " KPIs"
	case kindCurriculum:
		return upper(pick(r, adjectives)) + " " + pick(r, nouns) + " onboarding"
	case kindLesson:
		return upper(strings.TrimSuffix(pick(r, verbs), "s")) + " the " + pick(r, adjectives) + " " + pick(r, nouns)
	case kindDecision:
		return fmt.Sprintf("Adopt %s %s for %s", pick(r, adjectives), pick(r, nouns), pick(r, teams))
	case kindTemplate:
		return upper(pick(r, adjectives)) + " " + pick(r, nouns) + " template"
	}
	switch r.IntN(3) {
	case 0:
		return upper(pick(r, adjectives)) + " " + pick(r, nouns) + " " + pick(r, headingQualifiers)
	case 1:
		return "How " + pick(r, teams) + " " + pick(r, verbs) + " the " + pick(r, nouns)
	}
	return upper(pick(r, nouns)) + " guide for " + pick(r, teams)
}

// planHeadings chooses a page's headings, unique within the page.
func (s *site) planHeadings(p *page) {
	n := max(2, min(12, p.size/900))
	used := map[string]bool{}
	for i := range n {
		level := 2
		if i > 0 && s.rng.IntN(3) == 0 {
			level = 3
		}
		text := pick(s.rng, headingWords)
		for try := 0; used[text]; try++ {
			text = pick(s.rng, headingWords)
			if try > 3 {
				text += " " + pick(s.rng, headingQualifiers)
			}
		}
		used[text] = true
		p.headings = append(p.headings, heading{level: level, text: text, id: slug(text)})
	}
}

func (s *site) addImages(top string) {
	for i := range 3 {
		name := fmt.Sprintf("%s/images/%s-diagram-%d.png", top, top, i+1)
		s.images = append(s.images, imageFile{name, pngImage(s.rng, 64+16*i, 40)})
		s.topImages[top] = append(s.topImages[top], name)
	}
	name := fmt.Sprintf("%s/images/%s-flow.svg", top, top)
	s.images = append(s.images, imageFile{name, svgImage(s.rng, top)})
	s.topImages[top] = append(s.topImages[top], name)
}

func (s *site) config() []byte {
	var b strings.Builder
	b.WriteString("# A generated product-operations portal, for benchmarks.\n")
	b.WriteString("title: Northwind Product Ops\n")
	b.WriteString("description: Playbooks, roadmaps, KPIs and onboarding for Northwind's product teams\n")
	b.WriteString("nav: [onboarding, playbooks, roadmaps, kpis, teams, guides, decisions, templates]\n")
	b.WriteString("review_every: quarterly\n")
	return []byte(b.String())
}

func teamNames(depth, i int) (string, string) {
	switch depth {
	case 0:
		t := teams[i%len(teams)]
		return slug(t), t
	case 1:
		a := areas[i%len(areas)]
		return a, humanize(a)
	}
	n := adjectives[i%len(adjectives)] + " " + nouns[(i*7)%len(nouns)]
	return slug(n), humanize(n)
}

func topicNames(depth, i int) (string, string) {
	if depth == 0 {
		n := nouns[(i*5)%len(nouns)]
		return slug(n), humanize(n)
	}
	n := areas[(i*3+depth)%len(areas)]
	return slug(n), humanize(n)
}

func listNames(list []string) func(depth, i int) (string, string) {
	return func(depth, i int) (string, string) {
		n := list[i%len(list)]
		return slug(n), humanize(n)
	}
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func contains(list []*page, p *page) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// slug makes a file name or heading id of text made of letters, digits,
// spaces and hyphens: lower case, spaces turned into hyphens. It is the
// id GitHub (and opsdocs) gives such a heading.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func humanize(name string) string {
	name = strings.ReplaceAll(name, "-", " ")
	return strings.ToUpper(name[:1]) + name[1:]
}

// rel returns the relative link from a page in folder dir to the file
// target; both are paths below content/.
func rel(dir, target string) string {
	var from []string
	if dir != "" {
		from = strings.Split(dir, "/")
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	parts := make([]string, 0, len(from)-i+len(to)-i)
	for range len(from) - i {
		parts = append(parts, "..")
	}
	parts = append(parts, to[i:]...)
	return strings.Join(parts, "/")
}
