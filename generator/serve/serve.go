// Package serve previews a site: it serves a site built in memory over
// HTTP and, in a live preview, builds it again whenever one of its files
// changes and reloads the pages open in browsers.
//
// # Serving
//
// A Handler answers GET and HEAD only. A path names a file of the site:
// /a/b/ serves a/b/index.html, /a/b redirects to /a/b/ when that page
// exists, and anything else gets the site's 404.html with status 404. No
// path can reach outside the site: the site is a map of names, not a
// folder on disk, and a path with a "." or ".." segment, plain or
// percent-encoded, is not found. The content type follows the file's
// extension; pages are never cached.
//
// # Live preview
//
// A Preview watches opsdocs.yaml and every folder below content/,
// layouts/ and assets/ of the site's folder, new ones included, and hands
// each batch of changed files to a Rebuilder. Changes are coalesced: a
// batch is handed over once no change has come for a few milliseconds, so
// an editor's atomic save or a checkout of hundreds of files makes one
// build, or two. Files the build ignores (hidden, name~, .go) and
// editors' temporary files (4913, #name#, swap files) are not changes.
//
// Paths under /_opsdocs/ are the preview's own:
//
//	/_opsdocs/events      Server-Sent Events to the open pages
//	/_opsdocs/reload.js   the script that listens to them (assets/live)
//	/_opsdocs/overlay.css the style of the error overlay
//
// Every HTML page it serves gets the script, with the build it comes
// from, added before </head>; the built site itself never holds it. The
// events are:
//
//	hello     {"build": ID}: sent first on every stream; a page from
//	          another build reloads
//	reload    {"build": ID, "changed": [...]}: a new build is served
//	css       {"build": ID, "styles": {old URL: new URL}}: only style
//	          sheets changed; pages swap them without reloading
//	problems  {"build", "summary", "text", "problems": [...]}: the errors
//	          of the latest build, as printed in the terminal; an empty
//	          list hides the overlay
//
// A build with errors that the site being served did not have, or one that
// stopped (a broken layout), is not served: the last good build stays, and
// the pages show the errors in an overlay until a later build fixes them.
package serve

import (
	"bytes"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync/atomic"

	"github.com/opsdocs/opsdocs/generator/output"
)

// A Handler serves the latest site it was given.
type Handler struct {
	cur atomic.Pointer[version]
}

// A version is a site being served and, in a live preview, the script tag
// added to its pages.
type version struct {
	site *output.Memory
	tag  []byte // nil when not live
}

// NewHandler returns a handler serving site.
func NewHandler(site *output.Memory) *Handler {
	h := &Handler{}
	h.Swap(site)
	return h
}

// Swap replaces the site being served.
func (h *Handler) Swap(site *output.Memory) { h.cur.Store(&version{site: site}) }

// swapLive replaces the site being served with one whose pages load the
// live-reload script, telling it the build they come from.
func (h *Handler) swapLive(site *output.Memory, build string) {
	tag := `<script src="` + livePrefix + `reload.js" data-build="` + html.EscapeString(build) + `" defer></script>`
	h.cur.Store(&version{site: site, tag: []byte(tag)})
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	v := h.cur.Load()
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\x00") {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			v.notFound(w, r)
			return
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" || name == "." {
		name = "index.html"
	}
	if name == output.Marker {
		v.notFound(w, r)
		return
	}
	data, ok := v.site.Get(name)
	if !ok {
		if _, dir := v.site.Get(path.Join(name, "index.html")); dir && !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		v.notFound(w, r)
		return
	}
	v.write(w, r, name, data, http.StatusOK)
}

func (v *version) notFound(w http.ResponseWriter, r *http.Request) {
	if page, ok := v.site.Get("404.html"); ok {
		v.write(w, r, "404.html", page, http.StatusNotFound)
		return
	}
	if v.tag != nil {
		// No site yet: the first build stopped. The page shows its
		// errors and reloads once the site builds.
		v.write(w, r, "unbuilt.html", []byte(unbuilt), http.StatusServiceUnavailable)
		return
	}
	http.NotFound(w, r)
}

// unbuilt is the page served in a live preview before any build succeeded.
const unbuilt = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The site could not be built</title>
</head>
<body>
<h1>The site could not be built</h1>
<p>The errors are shown in the terminal running <code>opsdocs serve</code>. This page reloads once they are fixed.</p>
</body>
</html>
`

func (v *version) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if v.tag != nil && path.Ext(name) == ".html" {
		data = inject(data, v.tag)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject returns page with tag added before its </head>, or at its end
// when it has none.
func inject(page, tag []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = bytes.Index(page, []byte("</HEAD>"))
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}
