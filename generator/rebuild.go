package generator

import (
	"context"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/search"
)

// A Rebuilder builds a site again each time its files change, for the
// preview server. Each call returns a complete site in a new
// output.Memory, so the previous one can go on being served while the next
// is built, and be kept when the new one has errors.
//
// The first call builds the whole site and keeps what the build made of
// every page. After that, a change to the files below content/ is applied
// to what was kept whenever it can be: pages edited, added or removed
// (front matter that breaks leaves its page out until it mends), other
// files edited, added or removed. Only the pages changed are read and
// converted again, with the pages linking to a page or a file that came
// or went; the checks that look across pages run again where the change
// may concern them; and only the pages that show something of the change
// are rendered again (see Rebuild). Anything else builds the whole site
// again: a layout, an asset, opsdocs.yaml, a folder that appears or
// empties, a section page that comes or goes, a page at the URL of
// another, a site-wide view that appears or goes or gains or loses
// pages. Either way the files and
// the diagnostics are those a full build of the same files gives.
//
// The search index is built after the site, in the background, and added
// to its output a moment later (about a second for 10,000 pages): until
// then the site keeps the index of the previous build, or has none after
// the first. Files of the index before the previous one are removed, so
// that a page still using the previous index can finish its queries.
//
// Dates from git (Options.GitDir) are read once, by the first build: a
// page edited during the preview keeps the date of its last commit, as a
// build would show, until the preview starts again.
//
// A Rebuilder is not safe for concurrent use: calls to Rebuild are made
// one after the other.
type Rebuilder struct {
	opts Options
	git  *gitDates // read by the first build
	last *kept     // the last build, nil when the next must be full
	// updates counts the builds brought up to date rather than made anew.
	updates int

	// searchDelay is how long the search index waits for the edits to
	// pause before it is built, so that it does not slow down the
	// rebuilds of a quick series of edits.
	searchDelay time.Duration

	// mu guards gen, stop and the search index's writes into the output
	// of the last build.
	mu       sync.Mutex
	gen      int                // counts builds, so that a stale index is dropped
	stop     context.CancelFunc // stops the index being built
	searched chan struct{}      // closed when the latest index is in, or dropped
}

// defaultSearchDelay is a Rebuilder's searchDelay.
const defaultSearchDelay = 200 * time.Millisecond

// NewRebuilder returns a Rebuilder of the site described by opts. Its
// Output is ignored: every build goes to memory.
func NewRebuilder(opts Options) *Rebuilder {
	opts.Output = nil
	done := make(chan struct{})
	close(done)
	return &Rebuilder{opts: opts, searchDelay: defaultSearchDelay, searched: done}
}

// A kept build: the builder with what it made of every page, its output,
// its diagnostics split by what reported them, and the pages to index.
type kept struct {
	b     *builder
	out   *output.Memory
	pages int // as counted in Result.Pages

	// rest are the diagnostics of everything but the checks that look
	// across pages; checks, those of each of these checks.
	rest   []diag.Diagnostic
	checks checks

	// docs are the pages to index, in order, as they were when the list
	// was last made; patched, the pages rendered since, by index in docs.
	// The list is put together again by the search index, in the
	// background: copying it for each edit would take longer than the
	// rest of the edit.
	docs    []search.Doc
	docAt   map[string]int // URL -> index in docs
	patched map[int]search.Doc

	// index and previous are the files of the search index in out, and
	// those of the one before it (see Rebuilder).
	index, previous []string
}

// checks are the findings of the checks that look across pages, each of
// which runs again as a whole when a change may alter what it finds.
type checks struct {
	links, kpiIDs, aliases, courses []diag.Diagnostic
}

func (c *checks) all() []diag.Diagnostic {
	return slices.Concat(c.links, c.kpiIDs, c.aliases, c.courses)
}

// Rebuild builds the site and returns the result with the files built.
// changed lists what changed since the previous call, as slash-separated
// paths from the site's root (content/playbooks/triage.md, layouts/page.html,
// opsdocs.yaml); a folder stands for everything below it, and a path that
// no longer exists was removed. nil means everything, as on the first
// call.
//
// When every change is to a page or a file of content/ and the previous
// build can be brought up to date (see Rebuilder), the pages changed are
// loaded, converted and decoded again, and so are the pages linking to a
// page or a file that came or went; the checks that look across pages
// (links and anchors, KPI ids, aliases, curricula) run again where the
// change may concern them; and these pages are rendered again:
//
//   - the page changed, and its section's page when either is a
//     playbook;
//   - when its title, description or weight changed, or it came or went,
//     every page whose sidebar, breadcrumbs or neighbours list it: the
//     pages of its section and below (of the parent section, for a
//     section page; when it kept its place in a long section, only those
//     whose sidebar's window of the section's list holds it), or every
//     page, 404.html and the search page for a page at the top of the
//     sidebar or the home page;
//   - every page of a curriculum that changed: a lesson's title, order,
//     duration, outcomes or prerequisites, or the lessons it has;
//   - when its roadmap, KPIs, review status or updated date changed, or
//     a curriculum did, the pages whose layouts read that data of the
//     whole site (see render.Templates.ReadsSite), every page of the
//     site-wide views of that data, and the files of api/ that publish
//     it;
//   - the playbooks whose templates link to it, when its title changed.
//
// Otherwise the whole site is built. Errors are those of Build; the files
// are nil when the error is not.
func (r *Rebuilder) Rebuild(ctx context.Context, changed []string) (*Result, *output.Memory, error) {
	// Stop building the search index of the previous build first, so
	// that this build has the cores to itself. From here on the index
	// leaves the previous build alone.
	r.mu.Lock()
	r.dropSearch()
	r.mu.Unlock()
	if r.last != nil && changed != nil {
		res, out, ok, err := r.update(ctx, changed)
		if ok {
			r.updates++
			return res, out, nil
		}
		r.last = nil
		if ctx.Err() != nil {
			return res, nil, err
		}
	}
	return r.full(ctx)
}

// full builds the whole site and keeps it.
func (r *Rebuilder) full(ctx context.Context) (*Result, *output.Memory, error) {
	r.last = nil
	out := output.NewMemory()
	opts := r.opts
	opts.Output = out
	b := newBuilder(opts)
	b.git, b.searchLater = r.git, true
	res, err := b.build(ctx)
	r.git = b.git
	if err != nil {
		return res, nil, err
	}
	k := &kept{b: b, out: out, pages: res.Pages, docs: b.docs}
	b.docs = nil
	if k.split(res.Diagnostics) {
		k.indexDocs()
		r.last = k
	}
	r.index(k)
	return res, out, nil
}

// split sorts the diagnostics of a full build by what reported them. The
// site-wide checks are pure functions of the pages, so they run again to
// learn their share. It reports false if their findings are not all
// among the build's, which would be a mistake in this file: the
// Rebuilder then builds the whole site every time.
func (k *kept) split(all []diag.Diagnostic) bool {
	b := k.b
	var links, ids, aliases, courses diag.List
	b.checkLinks(&links)
	b.rollUpData(&ids)
	b.aliases(&aliases)
	b.curricula(&courses)
	k.checks = checks{links.Sorted(), ids.Sorted(), aliases.Sorted(), courses.Sorted()}

	found := make(map[diag.Diagnostic]bool, len(all))
	for _, d := range all {
		found[d] = true
	}
	from := map[diag.Diagnostic]bool{}
	for _, d := range k.checks.all() {
		if !found[d] {
			return false
		}
		from[d] = true
	}
	for _, d := range all {
		if !from[d] {
			k.rest = append(k.rest, d)
		}
	}
	return true
}

func (k *kept) indexDocs() {
	k.docAt = make(map[string]int, len(k.docs))
	for i, d := range k.docs {
		k.docAt[d.URL] = i
	}
}

// reported reports whether the kept build has a diagnostic about file.
func (k *kept) reported(file string) bool {
	return slices.ContainsFunc(k.rest, func(d diag.Diagnostic) bool { return d.Path == file })
}

// diagnostics are the diagnostics of the kept build, sorted.
func (k *kept) diagnostics() []diag.Diagnostic {
	var l diag.List
	l.Merge(k.rest)
	l.Merge(k.checks.all())
	return l.Sorted()
}

// dropSearch stops building the index of the previous build, and keeps
// one being built from being added. r.mu must be held.
func (r *Rebuilder) dropSearch() {
	r.gen++
	if r.stop != nil {
		r.stop()
	}
}

// index builds the search index of k after a pause in the edits, in the
// background, and adds it to k's output unless a later build came first.
// A later build stops it, so that it does not slow that build down.
func (r *Rebuilder) index(k *kept) {
	ctx, stop := context.WithCancel(context.Background())
	r.mu.Lock()
	r.dropSearch()
	gen := r.gen
	r.stop = stop
	done := make(chan struct{})
	r.searched = done
	r.mu.Unlock()
	base, patched := k.docs, k.patched
	go func() {
		defer close(done)
		defer stop()
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.searchDelay):
		}
		docs := base
		if len(patched) > 0 {
			docs = slices.Clone(base)
			for i, d := range patched {
				docs[i] = d
			}
		}
		ix, err := search.BuildContext(ctx, docs)
		if err != nil {
			return
		}
		if r.addIndex(k, gen, docs, ix) {
			// Building the index left much garbage, and the site does
			// not change meanwhile: a good moment to give the memory
			// back to the system.
			debug.FreeOSMemory()
		}
	}()
}

// addIndex adds the search index of docs to the output of k, unless a
// later build came first, and reports whether it did.
func (r *Rebuilder) addIndex(k *kept, gen int, docs []search.Doc, ix *search.Index) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gen != gen {
		return false
	}
	k.docs, k.patched = docs, nil
	names := make([]string, 0, len(ix.Files))
	for _, f := range ix.Files {
		name := searchDir + f.Name
		if err := k.out.WriteFile(name, f.Data); err != nil {
			return false // names come from the index: cannot happen
		}
		if path.Dir(f.Name) != "." {
			names = append(names, name)
		}
	}
	if !slices.Equal(names, k.index) {
		// The index before the previous one goes, but for the files
		// it shares with the new index or the previous one: a kind of
		// file that did not change keeps its folder.
		keep := make(map[string]bool, len(names)+len(k.index))
		for _, name := range slices.Concat(names, k.index) {
			keep[name] = true
		}
		for _, name := range k.previous {
			if !keep[name] {
				k.out.Remove(name)
			}
		}
		k.previous = k.index
	}
	k.index = names
	return true
}

// waitSearch waits until the search index of the latest build is in its
// output, or was dropped for a later build.
func (r *Rebuilder) waitSearch() {
	r.mu.Lock()
	done := r.searched
	r.mu.Unlock()
	<-done
}

// contentPath returns the path below content/ of a changed path, and
// whether it is one.
func contentPath(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, "content/")
	if !ok || rel == "" {
		return "", false
	}
	return rel, true
}

// ignored reports whether a path below content/ is left out of the site.
func ignored(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if content.Ignored(seg) {
			return true
		}
	}
	return false
}
