package generator

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/assets"
	"github.com/opsdocs/opsdocs/generator/config"
	"github.com/opsdocs/opsdocs/generator/corpus"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/layouts"
	"github.com/rogpeppe/go-internal/txtar"
)

// A rebuildStep is one change to the site of TestRebuildMatchesBuild.
type rebuildStep struct {
	name string
	// files are the files written, "" meaning removed.
	files map[string]string
	// full says the change takes a full build; otherwise the Rebuilder
	// must update its previous build, rendering at most most pages when
	// that is set.
	full bool
	most int
	// want are texts that must be in files of the site after the
	// change ("guides/alpha/index.html" -> text), and diags, in its
	// diagnostics; gone, texts that must not be in its diagnostics;
	// absent, files that must not be in the site.
	want                map[string]string
	diags, gone, absent []string
}

// alpha is content/guides/alpha.md with a title and a body.
func alpha(title, body string) string {
	return "---\ntitle: " + title + "\nweight: 1\nowner: maria\ntags: [setup, basics]\nreviewed: 2026-10-01\nupdated: 2026-10-05\n---\n" + body
}

const alphaBody = "## Setup\n\nSee [the beta guide](beta.md#steps) and [its checks](beta.md#checks).\n\n![Flow](../images/flow.png)\n"

func beta(title, headings string) string {
	return "---\ntitle: " + title + "\nweight: 2\nreviewed: 2026-06-01\n---\n" + headings
}

const betaBody = "## Steps\n\n1. One.\n2. Two.\n\n## Checks\n\n- [ ] Done\n"

func growthKPIs(actual string) string {
	return "---\ntitle: Growth KPIs\ntype: kpis\nteam: Growth\nkpis:\n  - name: Activation rate\n    id: activation\n    unit: \"%\"\n    target: 45\n    actual: " + actual + "\n    as_of: 2026-10-20\n---\n"
}

func lesson(title string, order int, extra string) string {
	return fmt.Sprintf("---\ntitle: %s\norder: %d\n%s---\nA lesson.\n", title, order, extra)
}

// bigPage is page i of content/big/, a section longer than a sidebar
// shows at once.
func bigPage(i int, title string) string {
	if title == "" {
		title = fmt.Sprintf("Item %03d", i)
	}
	return fmt.Sprintf("---\ntitle: %s\n---\nAbout item %d.\n", title, i)
}

const bigPages = 70

var rebuildSteps = []rebuildStep{
	{
		name:  "title of a page in a long section, at its start",
		most:  50, // of the 74 pages below big/
		files: map[string]string{"content/big/p005.md": bigPage(5, "Item 005 retitled")},
		want:  map[string]string{"big/p000/index.html": "Item 005 retitled", "big/sub/x/index.html": "Item 005 retitled"},
	},
	{
		name:  "in its middle",
		files: map[string]string{"content/big/p035.md": bigPage(35, "Item 035 retitled")},
		want:  map[string]string{"big/p060/index.html": "Item 035 retitled", "big/p000/index.html": "Item 035 retitled"},
	},
	{
		name:  "at its end",
		most:  50, // of the 74 pages below big/
		files: map[string]string{"content/big/p069.md": bigPage(69, "Item 069 retitled")},
		want:  map[string]string{"big/p068/index.html": "Item 069 retitled"},
	},
	{
		name:  "title of a long section's sub-section",
		most:  50, // of the 74 pages below big/
		files: map[string]string{"content/big/sub/_index.md": "---\ntitle: Sub retitled\n---\n"},
		want:  map[string]string{"big/sub/x/index.html": "Sub retitled", "big/p010/index.html": "Sub retitled"},
	},
	{
		name:  "a page of a long section moves",
		files: map[string]string{"content/big/p060.md": bigPage(60, "Item 000 first")},
	},
	{
		name:  "body only",
		files: map[string]string{"content/guides/alpha.md": alpha("Alpha guide", alphaBody+"\nA new paragraph.\n")},
		want:  map[string]string{"guides/alpha/index.html": "A new paragraph."},
	},
	{
		name:  "title of a page shows in its siblings' sidebars",
		files: map[string]string{"content/guides/beta.md": beta("Beta handbook", betaBody)},
		want:  map[string]string{"guides/alpha/index.html": "Beta handbook", "guides/gamma/index.html": "Beta handbook", "guides/index.html": "Beta handbook"},
	},
	{
		name:  "KPI value shows in /kpis/",
		files: map[string]string{"content/kpis/growth.md": growthKPIs("44.25")},
		want:  map[string]string{"kpis/index.html": "44.25", "api/kpis.json": "44.25"},
	},
	{
		name:  "heading removed breaks an anchor of another page",
		files: map[string]string{"content/guides/beta.md": beta("Beta handbook", "## Steps\n\n1. One.\n")},
		diags: []string{`content/guides/alpha.md:11:41: warning: link beta.md#checks: content/guides/beta.md has no heading with id "checks"`},
	},
	{
		name:  "heading back",
		files: map[string]string{"content/guides/beta.md": beta("Beta handbook", betaBody)},
		gone:  []string{`has no heading with id "checks"`},
	},
	{
		name:  "broken front matter leaves the page out",
		files: map[string]string{"content/guides/alpha.md": "---\ntitle: Alpha guide\nweight: [1\n---\nBody.\n"},
		diags: []string{"content/guides/alpha.md:3: error: ", "content/guides/gamma.md:7:9: warning: link to missing page alpha.md#setup"},
	},
	{
		name:  "front matter fixed",
		files: map[string]string{"content/guides/alpha.md": alpha("Alpha guide", alphaBody)},
		gone:  []string{"content/guides/alpha.md:3: error: ", "missing page alpha.md"},
	},
	{
		name:  "weights reorder a section",
		files: map[string]string{"content/guides/gamma.md": "---\ntitle: Gamma guide\nweight: 1\naliases: [/old/gamma/]\n---\n# Gamma\n\nBack to [alpha](alpha.md#setup).\n", "content/guides/alpha.md": alpha("Alpha guide", alphaBody)},
	},
	{
		name:  "description of a sub-section",
		files: map[string]string{"content/guides/deep/_index.md": "---\ntitle: Deep dives\ndescription: The details.\nweight: 5\n---\n"},
		want:  map[string]string{"guides/index.html": "The details."},
	},
	{
		name:  "title of a sub-section",
		files: map[string]string{"content/guides/deep/_index.md": "---\ntitle: Deeper dives\nweight: 5\n---\n"},
		want:  map[string]string{"guides/deep/one/index.html": "Deeper dives", "guides/alpha/index.html": "Deeper dives"},
	},
	{
		name:  "title of a top-level page",
		files: map[string]string{"content/about.md": "---\ntitle: About us\nweight: 2\n---\nWhat this portal is. [Missing](nowhere.md) on purpose.\n"},
		want:  map[string]string{"kpis/growth/index.html": "About us", "404.html": "About us"},
	},
	{
		name:  "title of the home page",
		files: map[string]string{"content/_index.md": "---\ntitle: Portal home\nupdated: 2026-11-01\n---\nWelcome. Start with [the guides](guides/_index.md).\n"},
		want:  map[string]string{"guides/deep/two/index.html": "Portal home"},
	},
	{
		name:  "lesson order",
		files: map[string]string{"content/onboarding/setup.md": lesson("Setup", 4, "duration: 1h\noutcomes: [Has accounts]\n")},
		diags: []string{"content/onboarding/vision.md"},
	},
	{
		name:  "lesson order back",
		files: map[string]string{"content/onboarding/setup.md": lesson("Setup", 1, "duration: 1h\noutcomes: [Has accounts, Knows the team]\n")},
	},
	{
		name:  "curriculum becomes a plain section",
		files: map[string]string{"content/onboarding/_index.md": "---\ntitle: New PM\n---\n"},
	},
	{
		name:  "and a curriculum again",
		files: map[string]string{"content/onboarding/_index.md": "---\ntitle: New PM onboarding\ntype: curriculum\n---\n"},
	},
	{
		name: "roadmap item",
		files: map[string]string{"content/roadmaps/growth.md": "---\ntitle: Growth roadmap\ntype: roadmap\nteam: Growth\nitems:\n" +
			"  - title: Checklist\n    status: done\n    quarter: 2026-Q4\n    link: ../guides/beta.md#steps\n  - title: Later thing\n    status: soon\n---\n"},
		want:  map[string]string{"api/roadmap.json": `"done"`},
		diags: []string{`content/roadmaps/growth.md:11:13: error: roadmap item "Later thing": status "soon"`},
	},
	{
		name:  "an alias more",
		files: map[string]string{"content/guides/gamma.md": "---\ntitle: Gamma guide\nweight: 1\naliases: [/old/gamma/, /older/gamma/]\n---\n# Gamma\n"},
		want:  map[string]string{"older/gamma/index.html": "Gamma guide"},
	},
	{
		name:  "an alias taken",
		files: map[string]string{"content/guides/gamma.md": "---\ntitle: Gamma guide\nweight: 1\naliases: [/guides/alpha/]\n---\n# Gamma\n"},
		diags: []string{"content/guides/gamma.md:4: error: aliases: /guides/alpha/ is already the URL of content/guides/alpha.md"},
	},
	{
		name:  "title of a playbook's template",
		files: map[string]string{"content/templates/brief.md": "---\ntitle: The launch brief\n---\nFill this in.\n"},
		want:  map[string]string{"playbooks/launch/index.html": "The launch brief"},
	},
	{
		name:  "review date",
		files: map[string]string{"content/guides/beta.md": "---\ntitle: Beta handbook\nweight: 2\nreviewed: 2026-11-15\n---\n" + betaBody},
	},
	{
		name:  "updated date",
		files: map[string]string{"content/guides/deep/one.md": "---\ntitle: Deep one\nupdated: 2026-11-18\n---\nDeep text.\n"},
		want:  map[string]string{"changes/index.html": "Deep one"},
	},
	{
		name:  "out of search, and a bad search key",
		files: map[string]string{"content/guides/gamma.md": "---\ntitle: Gamma guide\nsearch: false\n---\n# Gamma\n", "content/guides/deep/two.md": "---\ntitle: Deep two\nsearch: maybe\n---\nIn search after all.\n"},
		diags: []string{`content/guides/deep/two.md:3: error: search: "maybe" is not true or false`},
	},
	{
		name:  "page becomes a playbook",
		files: map[string]string{"content/guides/beta.md": "---\ntitle: Beta handbook\ntype: playbook\nwhen: When in doubt\nweight: 2\n---\n" + betaBody},
		want:  map[string]string{"guides/index.html": "When in doubt"},
	},
	{
		name:  "duplicate KPI id",
		files: map[string]string{"content/kpis/platform.md": "---\ntitle: Platform KPIs\ntype: kpis\nteam: Platform\nkpis:\n  - name: Uptime\n    id: activation\n    target: 99.9\n---\n"},
		diags: []string{`content/kpis/platform.md:7:9: error: kpi "Uptime": id "activation" is already used at content/kpis/growth.md:7`},
	},
	{
		name:  "two pages at once",
		files: map[string]string{"content/guides/alpha.md": alpha("Alpha", alphaBody), "content/guides/deep/one.md": "---\ntitle: Deep one\n---\nOther text.\n"},
	},
	{
		name:  "a static file",
		files: map[string]string{"content/images/flow.png": "still not a PNG"},
		want:  map[string]string{"images/flow.png": "still not a PNG"},
	},
	{
		name:  "a new page",
		files: map[string]string{"content/guides/delta.md": "# Delta\n\nNew.\n"},
		want:  map[string]string{"guides/delta/index.html": "New.", "guides/beta/index.html": "Delta"},
	},
	{
		name:  "a page renamed",
		files: map[string]string{"content/guides/delta.md": "", "content/guides/epsilon.md": "# Epsilon\n\nRenamed.\n"},
	},
	{
		name:  "a page removed",
		files: map[string]string{"content/guides/epsilon.md": ""},
	},
	{
		name:  "the page a link was missing",
		files: map[string]string{"content/nowhere.md": "# Somewhere\n"},
		want:  map[string]string{"about/index.html": `href="/nowhere/"`},
		gone:  []string{"nowhere.md"},
	},
	{
		name:  "a page others link to removed",
		files: map[string]string{"content/guides/beta.md": ""},
		diags: []string{"content/guides/alpha.md:11:5: warning: link to missing page beta.md#steps"},
	},
	{
		name:  "and back",
		files: map[string]string{"content/guides/beta.md": beta("Beta handbook", betaBody)},
		gone:  []string{"missing page beta.md"},
	},
	{
		name:  "a static file removed",
		files: map[string]string{"content/images/flow.png": ""},
		diags: []string{"content/guides/alpha.md:13:1: warning: link to missing image ../images/flow.png"},
	},
	{
		name:  "a static file added",
		files: map[string]string{"content/images/flow.png": "a PNG again", "content/images/other.svg": "<svg/>"},
		want:  map[string]string{"images/other.svg": "<svg/>"},
	},
	{
		name:  "a draft",
		files: map[string]string{"content/about.md": "---\ntitle: About us\ndraft: true\n---\nDraft.\n"},
	},
	{
		name:  "a page in a new folder",
		files: map[string]string{"content/faq/first.md": "# First question\n"},
		full:  true,
	},
	{
		name:  "the last page of a folder removed",
		files: map[string]string{"content/faq/first.md": ""},
		full:  true,
	},
	{
		name:  "a page at the address of a site-wide view",
		files: map[string]string{"content/roadmap.md": "# Our roadmap\n\nBy team.\n"},
		full:  true,
		want:  map[string]string{"roadmap/index.html": "By team."},
	},
	{
		name:  "and removed again",
		files: map[string]string{"content/roadmap.md": ""},
		full:  true,
	},
	{
		name:  "a section page removed",
		files: map[string]string{"content/guides/deep/_index.md": ""},
		full:  true,
	},
	{
		name:  "configuration",
		files: map[string]string{"opsdocs.yaml": "title: Rebuilt\nreview_every: 30d\n"},
		full:  true,
	},
	{
		name:  "title from the first heading",
		files: map[string]string{"content/guides/gamma.md": "# Gamma the third\n\nText.\n"},
		want:  map[string]string{"guides/alpha/index.html": "Gamma the third"},
	},
}

// TestRebuildMatchesBuild edits a site one change after another. After
// each change, the files and diagnostics of the Rebuilder (with its
// search index caught up) must be those of a full build of the same
// files, byte for byte.
func TestRebuildMatchesBuild(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/rebuild/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{}
	for _, f := range ar.Files {
		site[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for i := range bigPages {
		site[fmt.Sprintf("content/big/p%03d.md", i)] = &fstest.MapFile{Data: []byte(bigPage(i, ""))}
	}
	site["content/big/sub/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Sub\n---\n")}
	site["content/big/sub/x.md"] = &fstest.MapFile{Data: []byte("# X\n")}
	rebuildInSteps(t, site, rebuildSteps)
}

// rebuildInSteps builds site with a Rebuilder, then makes each change of
// steps to it and checks the Rebuilder's site against a full build and
// the step's expectations.
func rebuildInSteps(t *testing.T, site fstest.MapFS, steps []rebuildStep) {
	t.Helper()
	opts := Options{Site: site, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	r := NewRebuilder(opts)
	r.searchDelay = 0
	if _, _, err := r.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		var changed []string
		for name, data := range step.files {
			if data == "" {
				delete(site, name)
			} else {
				site[name] = &fstest.MapFile{Data: []byte(data)}
			}
			changed = append(changed, name)
		}
		updates := r.updates
		res, out, err := r.Rebuild(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		r.waitSearch()
		if got := r.updates > updates; got == step.full {
			t.Errorf("%s: updated the previous build: %v, want %v", step.name, got, !step.full)
		}
		if step.most > 0 && res.Rendered > step.most {
			t.Errorf("%s: rendered %d pages, want at most %d", step.name, res.Rendered, step.most)
		}
		compareBuild(t, step.name, opts, res, out)
		text := diagText(res.Diagnostics)
		for _, want := range step.diags {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no diagnostic %q in\n%s", step.name, want, text)
			}
		}
		for _, gone := range step.gone {
			if strings.Contains(text, gone) {
				t.Errorf("%s: diagnostic %q still there:\n%s", step.name, gone, text)
			}
		}
		for name, want := range step.want {
			if data, _ := out.Get(name); !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s: %s does not hold %q", step.name, name, want)
			}
		}
		for _, name := range step.absent {
			if _, ok := out.Get(name); ok {
				t.Errorf("%s: %s is still there", step.name, name)
			}
		}
	}
}

// kpiPage is a page of content/kpis/ with KPIs whose actual values are
// actuals, and an updated date.
func kpiPage(team, updated string, actuals ...int) string {
	s := "---\ntitle: " + team + " KPIs\nteam: " + team + "\nupdated: " + updated + "\nkpis:\n"
	for i, a := range actuals {
		s += fmt.Sprintf("  - name: %s measure %d\n    target: 50\n    actual: %d\n", team, i+1, a)
	}
	return s + "---\n"
}

// TestRebuildViewPages edits a site whose site-wide views have pages of
// two entries. An edit that keeps the number of pages of a view updates
// the previous build and renders every page of the view again; one that
// changes it builds the whole site, and the pages a view lost are gone.
func TestRebuildViewPages(t *testing.T) {
	site := fstest.MapFS{
		"opsdocs.yaml":             {Data: []byte("view_page_size: 2\n")},
		"content/_index.md":        {Data: []byte("# Home\n")},
		"content/kpis/_index.md":   {Data: []byte("---\ntitle: KPIs\n---\nAll of them.\n")},
		"content/kpis/growth.md":   {Data: []byte(kpiPage("Growth", "2026-11-01", 40, 41, 42))},
		"content/kpis/platform.md": {Data: []byte(kpiPage("Platform", "2026-10-01", 60))},
		"content/about.md":         {Data: []byte("---\ntitle: About\nupdated: 2026-09-01\n---\nAbout us.\n")},
	}
	for i := range 40 {
		site[fmt.Sprintf("content/notes/n%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# Note %02d\n", i))}
	}
	rebuildInSteps(t, site, []rebuildStep{
		{
			name:  "a KPI's value on the second page of /kpis/",
			files: map[string]string{"content/kpis/platform.md": kpiPage("Platform", "2026-10-01", 67)},
			most:  3, // /kpis/ and the page
			want:  map[string]string{"kpis/page/2/index.html": "67", "kpis/index.html": "Page 1 of 2"},
		},
		{
			name:  "an updated date moves a page between the pages of /changes/",
			files: map[string]string{"content/about.md": "---\ntitle: About\nupdated: 2026-11-15\n---\nAbout us.\n"},
			want:  map[string]string{"changes/index.html": "About"},
		},
		{
			name:  "a KPI more: /kpis/ has three pages",
			files: map[string]string{"content/kpis/platform.md": kpiPage("Platform", "2026-10-01", 67, 68)},
			full:  true,
			want:  map[string]string{"kpis/page/3/index.html": "Platform measure 2", "kpis/index.html": "Page 1 of 3"},
		},
		{
			name:  "the second page's KPIs change, the count does not",
			files: map[string]string{"content/kpis/growth.md": kpiPage("Growth", "2026-11-01", 40, 41, 49)},
			want:  map[string]string{"kpis/page/2/index.html": "49"},
		},
		{
			name:   "KPIs removed: /kpis/ has one page",
			files:  map[string]string{"content/kpis/growth.md": kpiPage("Growth", "2026-11-01"), "content/kpis/platform.md": kpiPage("Platform", "2026-10-01", 67)},
			full:   true,
			absent: []string{"kpis/page/2/index.html", "kpis/page/3/index.html"},
		},
		{
			name:   "the last updated date goes: /changes/ has one page",
			files:  map[string]string{"content/kpis/growth.md": "---\ntitle: Growth KPIs\n---\n"},
			full:   true,
			absent: []string{"changes/page/2/index.html"},
		},
	})
}

// compareBuild builds the site in full and compares it with the result
// and files of a Rebuilder.
func compareBuild(t *testing.T, step string, opts Options, res *Result, out *output.Memory) {
	t.Helper()
	want := output.NewMemory()
	opts.Output = want
	wantRes, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("%s: full build: %v", step, err)
	}
	if !reflect.DeepEqual(res.Diagnostics, wantRes.Diagnostics) {
		t.Errorf("%s: diagnostics differ from a full build's:\n--- rebuild\n%s--- build\n%s", step, diagText(res.Diagnostics), diagText(wantRes.Diagnostics))
	}
	if res.Pages != wantRes.Pages {
		t.Errorf("%s: %d pages, a full build has %d", step, res.Pages, wantRes.Pages)
	}
	got, exp := siteFiles(out, want), siteFiles(want, want)
	if len(exp) < 40 {
		t.Fatalf("%s: a full build has only %d files", step, len(exp))
	}
	for name, data := range exp {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", step, name)
		case !bytes.Equal(g, data):
			t.Errorf("%s: %s differs from a full build's:\n--- rebuild\n%s\n--- build\n%s", step, name, g, data)
		}
	}
	for name := range got {
		if _, ok := exp[name]; !ok {
			t.Errorf("%s: %s is not in a full build", step, name)
		}
	}
}

// siteFiles returns the files of out, but for the files of a search
// index other than ref's, which a Rebuilder keeps for the pages that still
// use it.
func siteFiles(out, ref *output.Memory) map[string][]byte {
	version := ""
	for _, n := range ref.Names() {
		if strings.HasPrefix(n, searchDir) && strings.Count(n, "/") == 2 {
			version = path.Dir(n)
			break
		}
	}
	files := map[string][]byte{}
	for _, n := range out.Names() {
		if strings.HasPrefix(n, searchDir) && strings.Count(n, "/") == 2 && path.Dir(n) != version {
			continue
		}
		files[n], _ = out.Get(n)
	}
	return files
}

func diagText(ds []diag.Diagnostic) string {
	var b strings.Builder
	diag.Write(&b, "text", ds)
	return b.String()
}

// TestRebuildRandomEdits makes random edits, a few pages at a time, to a
// generated site (package corpus): titles, weights, descriptions, bodies,
// headings, KPI values, lesson order, review and updated dates, search
// keys, broken and mended front matter. After each, the Rebuilder must
// agree with a full build.
func TestRebuildRandomEdits(t *testing.T) {
	site := fstest.MapFS{}
	_, err := corpus.Generate(corpus.Options{Pages: 80, Seed: 3}, func(f corpus.File) error {
		site[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for name := range site {
		if strings.HasSuffix(name, ".md") {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	opts := Options{Site: site, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	r := NewRebuilder(opts)
	r.searchDelay = 0
	if _, _, err := r.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	steps := 24
	if testing.Short() {
		steps = 8
	}
	broken := map[string][]byte{}  // page -> its text before its front matter broke
	removed := map[string][]byte{} // page -> its text before it was removed
	for step := range steps {
		var changed, did []string
		for range 1 + rnd.IntN(3) {
			name := pages[rnd.IntN(len(pages))]
			if old, ok := removed[name]; ok {
				site[name] = &fstest.MapFile{Data: old}
				delete(removed, name)
				changed = append(changed, name)
				did = append(did, "restore "+name)
				continue
			}
			switch rnd.IntN(8) {
			case 0:
				if _, ok := broken[name]; !ok && path.Base(name) != "_index.md" {
					removed[name] = site[name].Data
					delete(site, name)
					changed = append(changed, name)
					did = append(did, "remove "+name)
					continue
				}
			case 1:
				added := fmt.Sprintf("%s/added-%d.md", path.Dir(name), step)
				site[added] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# Added at step %d\n\nSee [a page](%s).\n", step, path.Base(name)))}
				pages = append(pages, added)
				changed = append(changed, added)
				did = append(did, "add "+added)
				continue
			}
			src := string(site[name].Data)
			what, edited := randomEdit(rnd, src, step)
			if old, ok := broken[name]; ok {
				what, edited = "mend front matter", string(old)
				delete(broken, name)
			} else if what == "break front matter" {
				broken[name] = site[name].Data
			}
			site[name] = &fstest.MapFile{Data: []byte(edited)}
			changed = append(changed, name)
			did = append(did, what+" of "+name)
		}
		name := fmt.Sprintf("step %d: %s", step, strings.Join(did, ", "))
		res, out, err := r.Rebuild(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r.waitSearch()
		compareBuild(t, name, opts, res, out)
	}
	t.Logf("%d of %d updates", r.updates, steps)
	if r.updates < steps/2 {
		t.Errorf("only %d of %d changes updated the previous build", r.updates, steps)
	}
}

var (
	titleLine    = regexp.MustCompile(`(?m)^title: .*$`)
	descLine     = regexp.MustCompile(`(?m)^description: .*$`)
	headingLine  = regexp.MustCompile(`(?m)^## .*\n`)
	actualLine   = regexp.MustCompile(`(?m)^(\s+actual: ).*$`)
	orderLine    = regexp.MustCompile(`(?m)^order: .*$`)
	reviewedLine = regexp.MustCompile(`(?m)^reviewed: .*$`)
	updatedLine  = regexp.MustCompile(`(?m)^updated: .*$`)
)

// randomEdit changes the page src one way, and says which.
func randomEdit(rnd *rand.Rand, src string, step int) (string, string) {
	frontMatter := func(line string) string { return strings.Replace(src, "---\n", "---\n"+line+"\n", 1) }
	day := fmt.Sprintf("2026-%02d-%02d", 1+rnd.IntN(11), 1+rnd.IntN(28))
	switch rnd.IntN(11) {
	case 0:
		return "title", titleLine.ReplaceAllString(src, fmt.Sprintf("title: Retitled %d", step))
	case 1:
		return "weight", frontMatter(fmt.Sprintf("weight: %d", 1+rnd.IntN(5)))
	case 2:
		return "description", descLine.ReplaceAllString(src, fmt.Sprintf("description: Described again at step %d.", step))
	case 3:
		if loc := headingLine.FindStringIndex(src); loc != nil {
			return "heading removed", src[:loc[0]] + src[loc[1]:]
		}
	case 4:
		if actualLine.MatchString(src) {
			return "KPI value", actualLine.ReplaceAllString(src, fmt.Sprintf("${1}%d", rnd.IntN(100)))
		}
	case 5:
		if orderLine.MatchString(src) {
			return "lesson order", orderLine.ReplaceAllString(src, fmt.Sprintf("order: %d", 1+rnd.IntN(6)))
		}
	case 6:
		return "reviewed", reviewedLine.ReplaceAllString(src, "reviewed: "+day)
	case 7:
		return "updated", updatedLine.ReplaceAllString(src, "updated: "+day)
	case 8:
		return "search key", frontMatter("search: false")
	case 9:
		if i := strings.Index(src[3:], "\n---\n"); i >= 0 {
			return "break front matter", src[:3+i] + "\n--\n" + src[3+i+5:]
		}
	}
	return "body", src + fmt.Sprintf("\nA paragraph added at step %d.\n", step)
}

// TestDefaultThemeViews checks that in the default theme only the layouts
// of the site-wide views read their data, so that an edit to a KPI renders
// /kpis/ again, not every page, and that they list their entries from
// .Pager, so that their pages do not grow with the site.
func TestDefaultThemeViews(t *testing.T) {
	b := newBuilder(Options{Site: fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}}})
	b.cfg = &config.Config{}
	b.opts.Layouts, b.opts.Assets = layouts.FS, assets.FS
	if err := b.loadTheme(); err != nil {
		t.Fatal(err)
	}
	views := map[string]string{"all-kpis": "KPIs", "all-roadmaps": "Roadmaps", "freshness": "Freshness", "changes": "Changes"}
	for _, layout := range b.tmpl.Layouts() {
		own, isView := views[layout]
		for _, field := range []string{"KPIs", "Roadmaps", "Freshness", "Changes", "Curricula"} {
			if got := b.tmpl.ReadsSite(layout, field); got && field != own {
				t.Errorf("layout %s reads .Site.%s", layout, field)
			}
		}
		if got := b.tmpl.UsesPager(layout); got != isView {
			t.Errorf("layout %s lists entries from .Pager: %v, want %v", layout, got, isView)
		}
	}
}

// TestRebuildWhileIndexing edits a site faster than its search index is
// built: each rebuild drops the index being built for the one before, and
// once the edits stop the index catches up with the last.
func TestRebuildWhileIndexing(t *testing.T) {
	site := fstest.MapFS{}
	_, err := corpus.Generate(corpus.Options{Pages: 60, Seed: 5}, func(f corpus.File) error {
		site[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Site: site, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	r := NewRebuilder(opts)
	r.searchDelay = 0
	res, out, err := r.Rebuild(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const name = "content/guides/_index.md"
	for i := range 12 {
		site[name] = &fstest.MapFile{Data: append(bytes.Clone(site[name].Data), fmt.Sprintf("\nSearchable%d\n", i)...)}
		if i%4 == 3 {
			time.Sleep(time.Duration(i) * time.Millisecond) // let some indexes get further than others
		}
		if res, out, err = r.Rebuild(context.Background(), []string{name}); err != nil {
			t.Fatal(err)
		}
	}
	r.waitSearch()
	compareBuild(t, "after the edits", opts, res, out)
}
