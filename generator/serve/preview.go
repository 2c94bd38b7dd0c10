package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/assets"
	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
)

// livePrefix is the path reserved for the live preview's own files.
const livePrefix = "/_opsdocs/"

// maxOverlay is the most errors an overlay lists.
const maxOverlay = 50

// A Rebuilder builds the site after files changed: changed lists them,
// as slash-separated paths from the site's root, nil meaning everything.
// It returns the built files, or nil with an error when the build
// stopped. *generator.Rebuilder is one.
type Rebuilder interface {
	Rebuild(ctx context.Context, changed []string) (*generator.Result, *output.Memory, error)
}

// Options configure a live preview.
type Options struct {
	// Dir is the site's folder on disk, watched for changes.
	Dir string
	// Rebuilder builds the site.
	Rebuilder Rebuilder
	// Stdout gets a line for each rebuild; Stderr, the problems it found
	// and problems with watching.
	Stdout, Stderr io.Writer

	// quiet and maxWait set how changes are coalesced (see watcher);
	// zero means the defaults. Tests shorten or lengthen them.
	quiet, maxWait time.Duration
}

// A Preview serves a site and builds it again whenever its files change,
// telling the pages open in browsers to reload. Its ServeHTTP may be
// called concurrently with Run.
type Preview struct {
	opts    Options
	handler *Handler
	hub     *hub
	watcher *watcher // nil when the folder cannot be watched
	static  http.Handler
	nonce   string

	// Owned by Build and then by Run.
	gen      int
	site     *output.Memory  // the site served; nil until a build succeeds
	baseline map[string]bool // the errors of the site served
}

// NewPreview returns a preview of the site in opts.Dir and starts
// watching it, so that no change made during the first build is missed.
// Until Build succeeds, every page says the site could not be built.
func NewPreview(opts Options) *Preview {
	if opts.quiet == 0 {
		opts.quiet = defaultQuiet
	}
	if opts.maxWait == 0 {
		opts.maxWait = defaultMaxWait
	}
	live, _ := fs.Sub(assets.Live, "live")
	p := &Preview{
		opts:    opts,
		handler: &Handler{},
		hub:     newHub(),
		static:  http.StripPrefix(livePrefix, http.FileServerFS(live)),
		nonce:   strconv.FormatInt(time.Now().UnixNano(), 36),
	}
	p.handler.swapLive(output.NewMemory(), p.build())
	w, err := watch(opts.Dir, opts.quiet, opts.maxWait, p.warn)
	if err != nil {
		p.warn(fmt.Errorf("cannot watch %s for changes: %w; pages will not reload", opts.Dir, err))
	} else {
		p.watcher = w
	}
	return p
}

func (p *Preview) warn(err error) {
	fmt.Fprintf(p.opts.Stderr, "warning: %v\n", err)
}

// build is the name of the build being served, unique across runs so
// that pages from a previous run reload.
func (p *Preview) build() string { return p.nonce + "." + strconv.Itoa(p.gen) }

// Build builds the whole site and serves it. A build that stopped leaves
// the page saying the site could not be built, with the errors, until Run
// builds it again. Diagnostics are for the caller to print.
func (p *Preview) Build(ctx context.Context) (*generator.Result, error) {
	res, site, err := p.opts.Rebuilder.Rebuild(ctx, nil)
	if res == nil {
		res = &generator.Result{}
	}
	p.apply(res, site, err, nil)
	release()
	return res, err
}

// Run builds the site again after each batch of changes, until ctx is
// done or the preview is closed.
func (p *Preview) Run(ctx context.Context) {
	if p.watcher == nil {
		<-ctx.Done()
		return
	}
	for {
		changed, err := p.watcher.next(ctx)
		if err != nil {
			return
		}
		p.rebuild(ctx, changed)
	}
}

// Close stops watching and ends the event streams, so that the HTTP
// server can shut down.
func (p *Preview) Close() {
	if p.watcher != nil {
		p.watcher.close()
	}
	p.hub.close()
}

// ServeHTTP serves the site, with the live-reload script in its pages,
// and the preview's own files under /_opsdocs/.
func (p *Preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case livePrefix + "events":
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p.hub.ServeHTTP(w, r)
	case livePrefix + "reload.js", livePrefix + "overlay.css":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(r.URL.Path)))
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		p.static.ServeHTTP(w, r)
	default:
		p.handler.ServeHTTP(w, r)
	}
}

func (p *Preview) rebuild(ctx context.Context, changed []string) {
	if slices.Contains(changed, "") {
		changed = nil // events were lost: anything may have changed
	}
	start := time.Now()
	res, site, err := p.opts.Rebuilder.Rebuild(ctx, changed)
	if ctx.Err() != nil {
		return // stopping
	}
	if res == nil {
		res = &generator.Result{}
	}
	took := time.Since(start).Round(time.Millisecond)
	if len(res.Diagnostics) > 0 {
		diag.Write(p.opts.Stderr, "text", res.Diagnostics)
		fmt.Fprintln(p.opts.Stderr, diag.Summary(res.Diagnostics, res.Pages))
	}
	if err != nil {
		fmt.Fprintf(p.opts.Stderr, "%v\n", err)
	}
	what := describe(changed)
	if p.apply(res, site, err, changed) {
		rebuilt := diag.Plural(res.Pages, "page")
		if res.Rendered < res.Pages {
			rebuilt = fmt.Sprintf("%d of %s", res.Rendered, rebuilt)
		}
		fmt.Fprintf(p.opts.Stdout, "%s changed: rebuilt %s in %s\n", what, rebuilt, took)
	} else {
		fmt.Fprintf(p.opts.Stderr, "%s changed: not served, the build has new errors (above); still serving the previous build\n", what)
	}
	if res.Rendered >= res.Pages {
		release()
	}
}

// release gives the memory of the builds no longer served back to the
// system. A preview holds one site while it builds the whole of the next,
// so its peak is about twice the site, and the runtime would otherwise
// keep that peak for minutes after each build. It runs after the pages
// are told to reload, so they do not wait for it, and only after builds
// of the whole site: a rebuild of the few pages an edit concerns leaves
// little to give back, and collecting the whole heap each time would
// hold up the next edit.
func release() { debug.FreeOSMemory() }

// apply serves a build when it is good enough and tells the pages, and
// reports whether it served it.
func (p *Preview) apply(res *generator.Result, site *output.Memory, err error, changed []string) bool {
	ok := p.acceptable(res, site, err)
	var events []event
	if ok {
		old := p.site
		p.gen++
		p.site, p.baseline = site, errorKeys(res)
		p.handler.swapLive(site, p.build())
		if old != nil && styleOnly(changed) {
			events = append(events, newEvent("css", cssData{Build: p.build(), Styles: styleChanges(old, site)}))
		} else {
			events = append(events, newEvent("reload", reloadData{Build: p.build(), Changed: changed}))
		}
	}
	problems := newEvent("problems", p.problems(res, err, !ok))
	hello := newEvent("hello", helloData{Build: p.build()})
	// The problems go first, so that a page reloading for a fixed build
	// has already hidden its overlay.
	p.hub.publish([]event{hello, problems}, append([]event{problems}, events...)...)
	return ok
}

// acceptable reports whether a build may replace the site served: it
// finished, and it has no error that the site served did not have. Errors
// present from the start do not hold back the rest of the site.
func (p *Preview) acceptable(res *generator.Result, site *output.Memory, err error) bool {
	if err != nil || site == nil {
		return false
	}
	if p.site == nil {
		return true
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error && !p.baseline[errorKey(d)] {
			return false
		}
	}
	return true
}

// errorKey identifies an error across builds, wherever its line moves.
func errorKey(d diag.Diagnostic) string {
	return d.Path + "\x00" + d.Code + "\x00" + d.Message
}

func errorKeys(res *generator.Result) map[string]bool {
	keys := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			keys[errorKey(d)] = true
		}
	}
	return keys
}

type helloData struct {
	Build string `json:"build"`
}

type reloadData struct {
	Build   string   `json:"build"`
	Changed []string `json:"changed"`
}

type cssData struct {
	Build  string            `json:"build"`
	Styles map[string]string `json:"styles"`
}

type problemsData struct {
	Build string `json:"build"`
	// Summary says what the preview shows meanwhile.
	Summary string `json:"summary"`
	// Text is the errors as printed in the terminal, one per line.
	Text string `json:"text"`
	// Count is the number of errors; Problems lists the first of them.
	Count    int               `json:"count"`
	Problems []diag.Diagnostic `json:"problems"`
}

// problems describes the errors of a build; held says the build is not
// served.
func (p *Preview) problems(res *generator.Result, err error, held bool) problemsData {
	d := problemsData{Build: p.build(), Problems: []diag.Diagnostic{}}
	for _, x := range res.Diagnostics {
		if x.Severity == diag.Error {
			d.Problems = append(d.Problems, x)
		}
	}
	if err != nil {
		d.Problems = append(d.Problems, diag.Diagnostic{Severity: diag.Error, Message: err.Error()})
	}
	d.Count = len(d.Problems)
	// A broken layout fails on every page: the first errors say enough.
	d.Problems = d.Problems[:min(d.Count, maxOverlay)]
	var text strings.Builder
	for _, x := range d.Problems {
		if x.Path != "" {
			text.WriteString(x.Error())
		} else {
			text.WriteString(x.Message)
		}
		text.WriteByte('\n')
	}
	if d.Count > maxOverlay {
		fmt.Fprintf(&text, "and %d more, printed in the terminal\n", d.Count-maxOverlay)
	}
	d.Text = strings.TrimSuffix(text.String(), "\n")
	switch {
	case d.Count == 0:
	case p.site == nil:
		d.Summary = "The site could not be built. Fix the errors below and save: the page reloads by itself."
	case held:
		d.Summary = "The last change brought these errors, so the preview still shows the site as it was before it. Fix them and save: the page reloads by itself."
	default:
		d.Summary = "The site has these errors; the pages they concern may be missing or incomplete."
	}
	return d
}

// describe names what changed, for the terminal.
func describe(changed []string) string {
	if len(changed) == 1 {
		return changed[0]
	}
	if len(changed) == 0 {
		return "files"
	}
	return strconv.Itoa(len(changed)) + " files"
}

// styleOnly reports whether every changed file is a style sheet of
// assets/, so that pages can swap style sheets instead of reloading.
func styleOnly(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, "assets/") || path.Ext(c) != ".css" {
			return false
		}
	}
	return len(changed) > 0
}

// hashedStyle matches a published style sheet: assets/style.1a2b3c4d5e.css
// (see generator's package doc, Assets).
var hashedStyle = regexp.MustCompile(`^assets/(.+)\.[0-9a-f]{10}\.css$`)

// styleChanges maps the URL of each style sheet of old whose content
// changed to its URL in new.
func styleChanges(old, new *output.Memory) map[string]string {
	sheets := func(m *output.Memory) map[string]string {
		out := map[string]string{}
		for _, n := range m.Names() {
			if mm := hashedStyle.FindStringSubmatch(n); mm != nil {
				out[mm[1]] = "/" + n
			}
		}
		return out
	}
	before, after := sheets(old), sheets(new)
	changes := map[string]string{}
	for name, u := range before {
		if v, ok := after[name]; ok && v != u {
			changes[u] = v
		}
	}
	return changes
}
