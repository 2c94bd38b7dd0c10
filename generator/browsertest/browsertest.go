// Package browsertest drives a real headless Chromium against a built site,
// for tests that check what a reader sees: pages render, controls work,
// the console stays free of errors.
//
// The browser is Chromium found as $OPSDOCS_CHROMIUM or chromium on the
// PATH ("make test" installs Debian's package). When there is none, tests
// fail with a message saying how to install it: browser tests are never
// skipped silently.
//
// Build and Serve make the site and serve it, for these tests and for
// others that read a built site over HTTP.
package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/output"
)

// Chromium returns the path of the browser, or fails t.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("OPSDOCS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium for the browser tests: run \"make test\" (which installs it as root), " +
		"or \"sudo apt-get install chromium\", or set OPSDOCS_CHROMIUM to a Chrome binary")
	return ""
}

// A Browser is a headless Chromium with one tab, and the console errors
// and requests seen so far.
type Browser struct {
	Ctx context.Context

	mu       sync.Mutex
	errors   []string
	requests []string
}

// New starts a browser for the length of the test, with a window of the
// given size.
func New(t testing.TB, width, height int) *Browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// A guard against a browser that hangs; go test's own timeout is 10 minutes.
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	b := &Browser{Ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	b.listen(t)
	return b
}

// NewTab opens another tab in the browser of b, for the length of the
// test, with its own record of console errors and requests. Tabs run side
// by side: each has its own renderer process.
func (b *Browser) NewTab(t testing.TB) *Browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.Ctx)
	t.Cleanup(cancel)
	tab := &Browser{Ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tab.listen(t)
	return tab
}

// listen records the console errors and the requests of the tab of b for
// as long as it is open.
func (b *Browser) listen(t testing.TB) {
	t.Helper()
	// Every request, whether or not it succeeds.
	err := chromedp.Listen(b.Ctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok && r.Request != nil {
			b.mu.Lock()
			b.requests = append(b.requests, r.Request.URL)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("listening to Chromium's requests: %v", err)
	}
	messages := chromedp.Console(b.Ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleException:
				text := fmt.Sprintf("%s: %s", m.Type, m.Text)
				if m.URL != "" {
					text += fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
				}
				b.mu.Lock()
				b.errors = append(b.errors, text)
				b.mu.Unlock()
			}
		}
	}()
}

// Do runs actions that return nothing, failing t on error.
func (b *Browser) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.Ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// WithoutScripts turns JavaScript off in the tab, failing t on error, and
// returns the function that turns it on again.
func (b *Browser) WithoutScripts(t testing.TB) (restore func()) {
	t.Helper()
	set := func(off bool) {
		if _, err := chromedp.Call(b.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
			t.Fatal(err)
		}
	}
	set(true)
	return func() { set(false) }
}

// Eval evaluates a JavaScript expression in the page, failing t on error.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// ConsoleErrors returns the errors logged so far and forgets them.
func (b *Browser) ConsoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	errs := b.errors
	b.errors = nil
	return errs
}

// Requests returns the URLs the tab requested since the last call, in
// order, and forgets them.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	reqs := b.requests
	b.requests = nil
	return reqs
}

// NoConsoleErrors fails t if the page logged errors since the last call.
func (b *Browser) NoConsoleErrors(t testing.TB) {
	t.Helper()
	// Let late messages (failed loads, deferred scripts) arrive.
	chromedp.Do(b.Ctx, chromedp.Sleep(150*time.Millisecond))
	for _, e := range b.ConsoleErrors() {
		t.Errorf("browser console: %s", e)
	}
}

// Build builds the site of opts into the folder dir as "opsdocs build"
// does, putting it in place once built, and returns the result. It fails
// tb if the build fails, if the site has errors, or if the folder cannot
// be written.
func Build(tb testing.TB, dir string, opts generator.Options) *generator.Result {
	tb.Helper()
	w, err := output.NewDir(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	opts.Output = w
	res, err := generator.Build(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	if res.Errors() {
		tb.Fatalf("the site has errors: %v", res.Diagnostics)
	}
	if err := w.Commit(); err != nil {
		tb.Fatal(err)
	}
	return res
}

// Serve serves the folder dir over HTTP on the loopback interface for the
// length of the test and returns its URL, without a trailing slash. The
// server answers unknown paths with the site's 404.html, as a static host
// would be set up to.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := dir + r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if _, err := os.Stat(p); err != nil {
			if page, err := os.ReadFile(dir + "/404.html"); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(page)
				return
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
