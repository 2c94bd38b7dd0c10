// Package serve serves a site built in memory over HTTP, for preview.
//
// The handler answers GET and HEAD only. A path names a file of the site:
// /a/b/ serves a/b/index.html, /a/b redirects to /a/b/ when that page
// exists, and anything else gets the site's 404.html with status 404. No
// path can reach outside the site: the site is a map of names, not a
// folder on disk.
package serve

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"sync/atomic"

	"github.com/opsdocs/opsdocs/generator/output"
)

// A Handler serves the latest site it was given.
type Handler struct {
	site atomic.Pointer[output.Memory]
}

// NewHandler returns a handler serving site.
func NewHandler(site *output.Memory) *Handler {
	h := &Handler{}
	h.site.Store(site)
	return h
}

// Swap replaces the site being served.
func (h *Handler) Swap(site *output.Memory) { h.site.Store(site) }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	site := h.site.Load()
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\x00") {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			h.notFound(w, r, site)
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
		h.notFound(w, r, site)
		return
	}
	data, ok := site.Get(name)
	if !ok {
		if _, dir := site.Get(path.Join(name, "index.html")); dir && !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		h.notFound(w, r, site)
		return
	}
	write(w, r, name, data, http.StatusOK)
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request, site *output.Memory) {
	if page, ok := site.Get("404.html"); ok {
		write(w, r, "404.html", page, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

func write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
