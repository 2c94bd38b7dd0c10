package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/opsdocs/opsdocs/generator/output"
)

func TestHandler(t *testing.T) {
	site := output.NewMemory()
	site.WriteFile("index.html", []byte("home"))
	site.WriteFile("a/b/index.html", []byte("page b"))
	site.WriteFile("assets/style.css", []byte("body{}"))
	site.WriteFile("404.html", []byte("not found page"))
	site.WriteFile(output.Marker, []byte("marker"))
	srv := httptest.NewServer(NewHandler(site))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	for _, tc := range []struct {
		method, path string
		code         int
		body, ctype  string
	}{
		{"GET", "/", 200, "home", "text/html; charset=utf-8"},
		{"GET", "/a/b/", 200, "page b", "text/html"},
		{"GET", "/a/b", 301, "", ""},
		{"GET", "/assets/style.css", 200, "body{}", "text/css; charset=utf-8"},
		{"HEAD", "/a/b/", 200, "", "text/html"},
		{"GET", "/missing/", 404, "not found page", "text/html"},
		{"GET", "/../etc/passwd", 404, "not found page", ""},
		{"GET", "/a/%2e%2e/%2e%2e/etc/passwd", 404, "not found page", ""},
		{"GET", "/a/..%2f..%2fetc/passwd", 404, "not found page", ""},
		{"GET", "/" + output.Marker, 404, "not found page", ""},
		{"POST", "/", 405, "", ""},
		{"DELETE", "/a/b/", 405, "", ""},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
		if tc.body != "" && string(b) != tc.body {
			t.Errorf("%s %s: body %q, want %q", tc.method, tc.path, b, tc.body)
		}
		if tc.ctype != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s %s: content type %q, want %q", tc.method, tc.path, resp.Header.Get("Content-Type"), tc.ctype)
		}
	}
}

// TestHandlerLive checks that a live handler adds the reload script to
// HTML pages only, and a plain one never does.
func TestHandlerLive(t *testing.T) {
	site := output.NewMemory()
	site.WriteFile("index.html", []byte("<html><head><title>x</title></head><body>home</body></html>"))
	site.WriteFile("bare/index.html", []byte("<p>no head</p>"))
	site.WriteFile("style.css", []byte("body{}"))
	site.WriteFile("404.html", []byte("<head></head>not found"))
	tag := `<script src="/_opsdocs/reload.js" data-build="b&lt;1" defer></script>`

	live := &Handler{}
	live.swapLive(site, "b<1")
	for _, tc := range []struct{ path, want string }{
		{"/", "<html><head><title>x</title>" + tag + "\n</head><body>home</body></html>"},
		{"/bare/", "<p>no head</p>" + tag + "\n"},
		{"/style.css", "body{}"},
		{"/missing/", "<head>" + tag + "\n</head>not found"},
	} {
		rec := httptest.NewRecorder()
		live.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
		if got := rec.Body.String(); got != tc.want {
			t.Errorf("live GET %s = %q, want %q", tc.path, got, tc.want)
		}
	}

	rec := httptest.NewRecorder()
	NewHandler(site).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if strings.Contains(rec.Body.String(), "reload.js") {
		t.Errorf("plain handler added the reload script: %q", rec.Body.String())
	}

	rec = httptest.NewRecorder()
	empty := &Handler{}
	empty.swapLive(output.NewMemory(), "b1")
	empty.ServeHTTP(rec, httptest.NewRequest("GET", "/guide/", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), "could not be built") || !strings.Contains(rec.Body.String(), "reload.js") {
		t.Errorf("live handler without a site: %d %q", rec.Code, rec.Body.String())
	}
}
