package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/opsdocs/opsdocs/generator"
)

// testQuiet is the coalescing window of the previews under test: long
// enough that a burst written in a loop makes one batch on a busy machine,
// short enough to keep the tests quick.
const testQuiet = 50 * time.Millisecond

// waitLimit bounds every wait, so that a test that would hang fails.
const waitLimit = 15 * time.Second

// A live is a preview of a site in a temporary folder, served on a free
// port of the loopback interface, with one event stream open.
type live struct {
	t       testing.TB
	dir     string
	url     string
	preview *Preview
	stream  *stream
	stdout  syncBuffer
	stderr  syncBuffer
	// buildErr is the error of the first build; built, its time.
	buildErr error
	built    time.Duration
}

// A stream reads the events of /_opsdocs/events.
type stream struct {
	t      testing.TB
	body   io.ReadCloser
	events chan sse
	seen   []sse // events passed over by waitFor
}

type sse struct {
	name string
	data map[string]any
	raw  string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// waitFor reports whether the buffer holds text within d.
func (s *syncBuffer) waitFor(text string, d time.Duration) bool {
	for end := time.Now().Add(d); ; time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.String(), text) {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// baseSite is a small site: a home page and a guide.
var baseSite = map[string]string{
	"content/_index.md": "# Home\n\nWelcome.\n",
	"content/guide.md":  "---\ntitle: Guide\n---\nFirst version.\n",
}

// startLive writes files (over baseSite) into a temporary folder, builds it
// and serves it live.
func startLive(t testing.TB, files map[string]string) *live {
	t.Helper()
	return startLiveQuiet(t, files, testQuiet)
}

func startLiveQuiet(t testing.TB, files map[string]string, quiet time.Duration) *live {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{}
	for k, v := range baseSite {
		all[k] = v
	}
	for k, v := range files {
		all[k] = v
	}
	for name, data := range all {
		writeFile(t, filepath.Join(dir, name), data)
	}
	l := &live{t: t, dir: dir}
	l.preview = NewPreview(Options{
		Dir: dir,
		Rebuilder: generator.NewRebuilder(generator.Options{
			Site: os.DirFS(dir), BaseURL: "/", Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		}),
		Stdout: &l.stdout, Stderr: &l.stderr,
		quiet: quiet,
	})
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	_, l.buildErr = l.preview.Build(ctx)
	l.built = time.Since(start)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l.url = "http://" + ln.Addr().String()
	srv := &http.Server{Handler: l.preview}
	srv.RegisterOnShutdown(l.preview.Close)
	go srv.Serve(ln)
	running := make(chan struct{})
	go func() { l.preview.Run(ctx); close(running) }()
	t.Cleanup(func() {
		cancel()
		<-running
		shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
		defer stop()
		if err := srv.Shutdown(shutdown); err != nil {
			t.Errorf("shutting down: %v (an event stream kept the server open)", err)
		}
	})
	l.stream = l.open()
	return l
}

// open opens an event stream and reads up to its hello.
func (l *live) open() *stream {
	l.t.Helper()
	resp, err := http.Get(l.url + "/_opsdocs/events")
	if err != nil {
		l.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		l.t.Fatalf("event stream served as %q", ct)
	}
	s := &stream{t: l.t, body: resp.Body, events: make(chan sse, 1000)}
	l.t.Cleanup(func() { resp.Body.Close() })
	go s.read()
	s.waitFor("hello")
	return s
}

func (s *stream) read() {
	defer close(s.events)
	sc := bufio.NewScanner(s.body)
	sc.Buffer(nil, 1<<20)
	var e sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if e.name != "" {
				json.Unmarshal([]byte(e.raw), &e.data)
				s.events <- e
			}
			e = sse{}
		case strings.HasPrefix(line, "event: "):
			e.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e.raw = strings.TrimPrefix(line, "data: ")
		}
	}
}

// waitFor returns the next event called name, keeping those before it in
// s.seen.
func (s *stream) waitFor(name string) sse {
	s.t.Helper()
	limit := time.After(waitLimit)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				s.t.Fatalf("event stream ended while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
			s.seen = append(s.seen, e)
		case <-limit:
			s.t.Fatalf("no %q event; saw %v", name, names(s.seen))
		}
	}
}

// settle waits until no event has come for a while and returns those that
// came.
func (s *stream) settle() []sse {
	var got []sse
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				return got
			}
			got = append(got, e)
		case <-time.After(10 * testQuiet):
			return got
		}
	}
}

func names(events []sse) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.name)
	}
	return out
}

func changed(e sse) []string {
	var out []string
	list, _ := e.data["changed"].([]any)
	for _, c := range list {
		s, _ := c.(string)
		out = append(out, s)
	}
	return out
}

func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (l *live) write(rel, data string) {
	l.t.Helper()
	writeFile(l.t, filepath.Join(l.dir, rel), data)
}

func (l *live) path(rel string) string { return filepath.Join(l.dir, filepath.FromSlash(rel)) }

// get fetches a path of the preview.
func (l *live) get(p string) (int, string) {
	l.t.Helper()
	resp, err := http.Get(l.url + p)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// wantPage checks that p is served with status code and holds want.
func (l *live) wantPage(p string, code int, want string) {
	l.t.Helper()
	got, body := l.get(p)
	if got != code || !strings.Contains(body, want) {
		l.t.Errorf("GET %s: %d, want %d with %q; body: %.300s", p, got, code, want, body)
	}
}

func TestLiveEdit(t *testing.T) {
	l := startLive(t, map[string]string{"content/other.md": "# Other\n"})
	l.wantPage("/guide/", 200, "First version.")
	l.write("content/guide.md", "---\ntitle: Guide\n---\nSecond version.\n")
	e := l.stream.waitFor("reload")
	if got := changed(e); !slices.Equal(got, []string{"content/guide.md"}) {
		t.Errorf("reload lists %v as changed, want [content/guide.md]", got)
	}
	_, body := l.get("/guide/")
	if !strings.Contains(body, "Second version.") {
		t.Errorf("after the reload event the page is still the old one: %.300s", body)
	}
	if tag := fmt.Sprintf(`<script src="/_opsdocs/reload.js" data-build="%s" defer></script>`, e.data["build"]); !strings.Contains(body, tag+"\n</head>") {
		t.Errorf("page does not load the live-reload script of build %v before </head>", e.data["build"])
	}
	// Only the guide: its title did not change, so the pages listing it
	// stay as they were. The line is printed once the pages are told to
	// reload, so it may come a moment after the event.
	if !l.stdout.waitFor("content/guide.md changed: rebuilt 1 of 3 pages in ", 5*time.Second) {
		t.Errorf("terminal: %q", l.stdout.String())
	}
}

func TestLiveCreateRenameDelete(t *testing.T) {
	l := startLive(t, nil)

	l.write("content/new.md", "# New page\n")
	l.stream.waitFor("reload")
	l.wantPage("/new/", 200, "New page")

	if err := os.Rename(l.path("content/new.md"), l.path("content/renamed.md")); err != nil {
		t.Fatal(err)
	}
	e := l.stream.waitFor("reload")
	if got := changed(e); !slices.Equal(got, []string{"content/new.md", "content/renamed.md"}) {
		t.Errorf("rename: reload lists %v as changed", got)
	}
	l.wantPage("/new/", 404, "Page not found")
	l.wantPage("/renamed/", 200, "New page")

	if err := os.Remove(l.path("content/renamed.md")); err != nil {
		t.Fatal(err)
	}
	l.stream.waitFor("reload")
	l.wantPage("/renamed/", 404, "Page not found")
	l.wantPage("/renamed/", 404, "/_opsdocs/reload.js") // so it reloads once the page is back
}

// TestLiveNewFolders checks that folders made or moved in after the start
// are watched, with the files they already hold.
func TestLiveNewFolders(t *testing.T) {
	l := startLive(t, nil)

	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "team", "people.md"), "# People\n")
	writeFile(t, filepath.Join(outside, "team", "deep", "er.md"), "# Deeper\n")
	if err := os.Rename(filepath.Join(outside, "team"), l.path("content/team")); err != nil {
		t.Fatal(err)
	}
	l.stream.waitFor("reload")
	l.wantPage("/team/people/", 200, "People")
	l.wantPage("/team/deep/er/", 200, "Deeper")

	l.write("content/team/deep/er.md", "# Deeper still\n")
	l.stream.waitFor("reload")
	l.wantPage("/team/deep/er/", 200, "Deeper still")

	l.write("content/a/b/c/page.md", "# Nested\n")
	l.stream.waitFor("reload")
	l.wantPage("/a/b/c/page/", 200, "Nested")

	// A folder renamed inside the site is watched where it now is.
	if err := os.Rename(l.path("content/team"), l.path("content/people")); err != nil {
		t.Fatal(err)
	}
	l.stream.waitFor("reload")
	l.wantPage("/people/deep/er/", 200, "Deeper still")
	l.write("content/people/deep/er.md", "# Moved and edited\n")
	e := l.stream.waitFor("reload")
	if got := changed(e); !slices.Equal(got, []string{"content/people/deep/er.md"}) {
		t.Errorf("edit in a moved folder: reload lists %v as changed", got)
	}
	l.wantPage("/people/deep/er/", 200, "Moved and edited")
}

// TestLiveAtomicSave saves the way editors do, through temporary files,
// and expects one rebuild that names only the page.
func TestLiveAtomicSave(t *testing.T) {
	l := startLive(t, nil)
	guide := l.path("content/guide.md")
	// vim checks that it may write in the folder with a file 4913.
	writeFile(t, l.path("content/4913"), "")
	os.Remove(l.path("content/4913"))
	tmp := l.path("content/.guide.md.tmp1234")
	writeFile(t, tmp, "---\ntitle: Guide\n---\nSaved atomically.\n")
	if err := os.Rename(tmp, guide); err != nil {
		t.Fatal(err)
	}
	e := l.stream.waitFor("reload")
	if got := changed(e); !slices.Equal(got, []string{"content/guide.md"}) {
		t.Errorf("reload lists %v as changed, want only [content/guide.md]", got)
	}
	l.wantPage("/guide/", 200, "Saved atomically.")
	if more := l.stream.settle(); slices.Contains(names(more), "reload") {
		t.Errorf("one save made more than one rebuild: then %v", names(more))
	}
}

func TestLiveTemplateChange(t *testing.T) {
	l := startLive(t, nil)
	l.write("layouts/page.html", `{{define "main"}}<p class="custom">Custom layout</p>{{.Page.Content}}{{end}}`)
	l.stream.waitFor("reload")
	l.wantPage("/guide/", 200, `<p class="custom">Custom layout</p>`)
	l.wantPage("/guide/", 200, "First version.")
}

// TestLiveStyleSheet checks that a change to a style sheet alone is sent
// as a swap of style sheets, not a reload.
func TestLiveStyleSheet(t *testing.T) {
	l := startLive(t, nil)
	_, page := l.get("/guide/")
	old := regexp.MustCompile(`href="(/assets/style\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(page)
	if old == nil {
		t.Fatalf("page links no style.css: %.500s", page)
	}
	l.write("assets/style.css", "body { color: rebeccapurple; }\n")
	e := l.stream.waitFor("css")
	if slices.Contains(names(l.stream.seen), "reload") {
		t.Errorf("a style sheet change reloaded the page: %v", names(l.stream.seen))
	}
	styles, _ := e.data["styles"].(map[string]any)
	next, _ := styles[old[1]].(string)
	if next == "" || next == old[1] {
		t.Fatalf("css event %s does not replace %s", e.raw, old[1])
	}
	l.wantPage(next, 200, "rebeccapurple")
	l.wantPage("/guide/", 200, `href="`+next+`"`)
	if e.data["build"] == nil {
		t.Error("css event has no build")
	}
}

// TestLiveBurst writes 200 pages in a loop, as a checkout would, and
// expects them built in one or two rebuilds.
func TestLiveBurst(t *testing.T) {
	l := startLive(t, nil)
	for i := range 200 {
		l.write(fmt.Sprintf("content/burst/p%03d.md", i), fmt.Sprintf("# Burst page %d\n", i))
	}
	deadline := time.Now().Add(waitLimit)
	for {
		if code, body := l.get("/burst/p199/"); code == 200 && strings.Contains(body, "Burst page 199") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the last page of the burst was never served")
		}
		time.Sleep(testQuiet)
	}
	reloads := 0
	for _, e := range append(l.stream.seen, l.stream.settle()...) {
		if e.name == "reload" {
			reloads++
		}
	}
	if reloads < 1 || reloads > 2 {
		t.Errorf("200 changes made %d rebuilds, want 1 or 2", reloads)
	}
	for _, i := range []int{0, 57, 123} {
		l.wantPage(fmt.Sprintf("/burst/p%03d/", i), 200, fmt.Sprintf("Burst page %d", i))
	}
}

// TestLiveInvalidEdit checks that a bad edit keeps the last good site,
// sends the errors as printed in the terminal, and that fixing it reloads
// the pages.
func TestLiveInvalidEdit(t *testing.T) {
	l := startLive(t, nil)
	for _, bad := range []struct {
		name, page, text string
	}{
		{"unknown type", "---\ntitle: Guide\ntype: handbook\n---\nBroken version.\n",
			`content/guide.md:3: error: type "handbook" is not one of page, playbook, roadmap, kpis, curriculum, lesson`},
		{"unterminated front matter", "---\ntitle: Guide\nBroken version.\n",
			"content/guide.md:1: error: "},
	} {
		t.Run(bad.name, func(t *testing.T) {
			l.write("content/guide.md", bad.page)
			e := l.stream.waitFor("problems")
			for e.data["count"] == 0.0 { // the state of an earlier build
				e = l.stream.waitFor("problems")
			}
			if slices.Contains(names(l.stream.seen), "reload") {
				t.Errorf("a build with errors was served: %v", names(l.stream.seen))
			}
			if e.data["count"] != 1.0 {
				t.Errorf("problems count = %v, want 1", e.data["count"])
			}
			text, _ := e.data["text"].(string)
			if !strings.HasPrefix(text, bad.text) {
				t.Errorf("overlay text = %q, want it to start with %q", text, bad.text)
			}
			if !strings.Contains(l.stderr.String(), text+"\n") {
				t.Errorf("overlay text %q is not what the terminal printed:\n%s", text, l.stderr.String())
			}
			problems, _ := e.data["problems"].([]any)
			if len(problems) != 1 {
				t.Fatalf("problems = %v", e.data["problems"])
			}
			p := problems[0].(map[string]any)
			if p["path"] != "content/guide.md" || p["severity"] != "error" || p["line"].(float64) < 1 {
				t.Errorf("problem = %v, want an error at a line of content/guide.md", p)
			}
			if s, _ := e.data["summary"].(string); !strings.Contains(s, "as it was before") {
				t.Errorf("summary = %q", s)
			}
			l.wantPage("/guide/", 200, "First version.")

			// A page opened now learns of the errors at once.
			late := l.open()
			if st := late.waitFor("problems"); st.data["text"] != text {
				t.Errorf("a new stream gets problems %q, want %q", st.data["text"], text)
			}
			late.body.Close()

			l.write("content/guide.md", baseSite["content/guide.md"])
			fixed := l.stream.waitFor("problems")
			if fixed.data["count"] != 0.0 || fixed.data["text"] != "" {
				t.Errorf("after the fix, problems = %s, want none", fixed.raw)
			}
			l.stream.waitFor("reload")
			l.wantPage("/guide/", 200, "First version.")
			l.stream.seen = nil
		})
	}
}

// TestLiveBrokenAtStart starts with a layout that fails: pages say the site
// could not be built, until the layout is fixed.
func TestLiveBrokenAtStart(t *testing.T) {
	l := startLive(t, map[string]string{"layouts/page.html": `{{define "main"}}{{.Page.Nope}}{{end}}`})
	if l.buildErr == nil {
		t.Fatal("the first build did not fail")
	}
	l.wantPage("/guide/", 503, "could not be built")
	l.wantPage("/guide/", 503, "/_opsdocs/reload.js")
	st := l.open()
	p := st.waitFor("problems")
	if text, _ := p.data["text"].(string); !strings.HasPrefix(text, "layouts/page.html:1: error: rendering /guide/: ") {
		t.Errorf("problems text = %q", text)
	}
	st.body.Close()

	l.write("layouts/page.html", `{{define "main"}}{{.Page.Content}}{{end}}`)
	l.stream.waitFor("reload")
	l.wantPage("/guide/", 200, "First version.")
}

// TestLiveErrorsFromTheStart checks that errors the site had when the
// preview started do not hold back other changes.
func TestLiveErrorsFromTheStart(t *testing.T) {
	l := startLive(t, map[string]string{"content/bad.md": "---\ntype: handbook\n---\n"})
	l.write("content/guide.md", "---\ntitle: Guide\n---\nSecond version.\n")
	l.stream.waitFor("reload")
	l.wantPage("/guide/", 200, "Second version.")
}

// TestLivePaths checks that no request reaches outside the site, whatever
// its encoding, and that the preview's own files are served right.
func TestLivePaths(t *testing.T) {
	l := startLive(t, nil)
	writeFile(t, filepath.Join(filepath.Dir(l.dir), "secret.txt"), "secret")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		code         int
		ctype        string
	}{
		{"GET", "/guide/", 200, "text/html; charset=utf-8"},
		{"GET", "/_opsdocs/reload.js", 200, "text/javascript; charset=utf-8"},
		{"HEAD", "/_opsdocs/reload.js", 200, "text/javascript; charset=utf-8"},
		{"GET", "/_opsdocs/overlay.css", 200, "text/css; charset=utf-8"},
		{"GET", "/_opsdocs/nothing", 404, "text/html; charset=utf-8"},
		{"GET", "/../secret.txt", 404, ""},
		{"GET", "/../../../../etc/passwd", 404, ""},
		{"GET", "/%2e%2e/secret.txt", 404, ""},
		{"GET", "/%2E%2E/%2e%2e/etc/passwd", 404, ""},
		{"GET", "/guide/..%2f..%2fsecret.txt", 404, ""},
		{"GET", "/..%5c..%5csecret.txt", 404, ""},
		{"GET", "/_opsdocs/../../secret.txt", 404, ""},
		{"GET", "/_opsdocs/%2e%2e/%2e%2e/secret.txt", 404, ""},
		{"GET", "/%252e%252e/secret.txt", 404, ""},
		{"GET", "/guide%00/", 400, ""},
		{"POST", "/guide/", 405, ""},
		{"PUT", "/_opsdocs/reload.js", 405, ""},
		{"POST", "/_opsdocs/events", 405, ""},
	} {
		req, err := http.NewRequest(tc.method, l.url+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
		if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: content type %q, want %q", tc.method, tc.path, resp.Header.Get("Content-Type"), tc.ctype)
		}
		if strings.Contains(string(body), "secret") || strings.Contains(string(body), "root:") {
			t.Errorf("%s %s: served a file from outside the site", tc.method, tc.path)
		}
	}
}

// TestLiveClose checks that closing the preview ends the event streams,
// so that the server can stop at once on Ctrl-C.
func TestLiveClose(t *testing.T) {
	l := startLive(t, nil)
	l.preview.Close()
	done := make(chan struct{})
	go func() {
		for range l.stream.events {
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatal("the event stream stayed open after Close")
	}
}

func TestWatched(t *testing.T) {
	for path, want := range map[string]bool{
		"opsdocs.yaml":                 true,
		"content":                      true,
		"content/guide.md":             true,
		"content/a/b/flow.png":         true,
		"layouts/page.html":            true,
		"layouts/partials/nav.html":    true,
		"assets/style.css":             true,
		"README.md":                    false,
		"public/index.html":            false,
		"opsdocs.yaml~":                false,
		"content/.guide.md.swp":        false,
		"content/guide.md~":            false,
		"content/embed.go":             false,
		"content/.git/HEAD":            false,
		"content/.drafts/x.md":         false,
		"content/4913":                 false,
		"content/#guide.md#":           false,
		"content/guide.md___jb_tmp___": false,
		"content/guide.md___jb_old___": false,
		"content/guide.md.kate-swp":    false,
		"content/guide.md.crswap":      false,
		"content/2026-plan.md":         true,
		"assets/live.css.swp":          false,
		"layouts/.page.html.1234~":     false,
		"contents/guide.md":            false,
	} {
		if got := watched(path); got != want {
			t.Errorf("watched(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestWatcherOverflow checks that when the system drops events, the
// watcher asks for everything to be rebuilt.
func TestWatcherOverflow(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content", "_index.md"), "# Home\n")
	w, err := watch(dir, testQuiet, time.Second, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	w.fs.Errors <- fsnotify.ErrEventOverflow
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	batch, err := w.next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(batch, []string{""}) {
		t.Errorf("after an overflow, batch = %q, want [\"\"] (everything)", batch)
	}
}
