// Package relurl rewrites the URLs of an HTML page so that they are
// relative to the page, for a site that is browsed from disk or hosted at
// a path not known when it is built.
//
// Only URLs that start with the site's base path are rewritten: with the
// base path /docs/, a page at /docs/a/b/ links to /docs/a/c/ as
// ../c/index.html and to /docs/assets/style.css as ../../assets/style.css.
// A URL that names a folder gains index.html, because a browser reading
// files from disk does not look for it by itself. Fragments and queries
// are kept; absolute URLs (https://...), protocol-relative ones (//host),
// fragment-only ones (#id) and paths outside the base path are left as
// they are.
//
// The URLs rewritten are the values of the attributes href, src, action,
// formaction, poster and srcset (each of its candidates), and the target
// of a refresh in a meta tag's content ("0; url=/new/"). Text, comments
// and the contents of script and style elements are copied unchanged.
package relurl

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
)

// Rewrite appends to dst the page src, published at pageURL (a path below
// the site's root such as /docs/a/b/ or /docs/404.html), with the URLs
// that start with basePath (/ or /docs/) made relative to the page.
func Rewrite(dst, src []byte, pageURL, basePath string) []byte {
	r := rewriter{dir: pageDir(pageURL, basePath), base: basePath}
	return r.rewrite(dst, src)
}

// URL returns u, a URL of the site (/docs/a/c/#x), relative to the page
// published at pageURL; a URL that does not start with basePath is
// returned unchanged.
func URL(u, pageURL, basePath string) string {
	r := rewriter{dir: pageDir(pageURL, basePath), base: basePath}
	return string(r.url(nil, u))
}

// pageDir is the folder of the page below the base path, split into its
// names: /docs/a/b/ is [a b], /docs/a/x.html is [a], /docs/ is [].
func pageDir(pageURL, basePath string) []string {
	p := strings.TrimPrefix(pageURL, basePath)
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[:i]
	} else {
		p = ""
	}
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

type rewriter struct {
	dir  []string
	base string
}

// url appends u, made relative to the page when it is a URL of the site.
func (r *rewriter) url(dst []byte, u string) []byte {
	if !strings.HasPrefix(u, r.base) || strings.HasPrefix(u, "//") {
		return append(dst, u...)
	}
	rest := u[len(r.base):]
	p, tail := rest, ""
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		p, tail = rest[:i], rest[i:]
	}
	// The target's folder and file name: a/c/ is [a c] and "", a/x.pdf is
	// [a] and x.pdf.
	var dir []string
	file := p
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		dir, file = strings.Split(p[:i], "/"), p[i+1:]
	}
	if file == "" {
		file = "index.html"
	}
	common := 0
	for common < len(dir) && common < len(r.dir) && dir[common] == r.dir[common] {
		common++
	}
	for range len(r.dir) - common {
		dst = append(dst, "../"...)
	}
	for _, d := range dir[common:] {
		dst = append(dst, d...)
		dst = append(dst, '/')
	}
	dst = append(dst, file...)
	return append(dst, tail...)
}

// rewrite copies src to dst, rewriting the URLs in its tags.
func (r *rewriter) rewrite(dst, src []byte) []byte {
	dst = slices.Grow(dst, len(src)+len(src)/16)
	for len(src) > 0 {
		i := bytes.IndexByte(src, '<')
		if i < 0 || i+1 >= len(src) {
			return append(dst, src...)
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		switch c := src[1]; {
		case bytes.HasPrefix(src, []byte("<!--")):
			n := bytes.Index(src[4:], []byte("-->"))
			if n < 0 {
				return append(dst, src...)
			}
			n += 4 + 3
			dst, src = append(dst, src[:n]...), src[n:]
		case isLetter(c):
			var name string
			dst, src, name = r.tag(dst, src)
			if name == "script" || name == "style" {
				dst, src = rawText(dst, src, name)
			}
		default:
			dst, src = append(dst, '<'), src[1:]
		}
	}
	return dst
}

// tag copies the start tag at the start of src, rewriting the URLs of its
// attributes, and returns its name in lower case.
func (r *rewriter) tag(dst, src []byte) ([]byte, []byte, string) {
	i := 1
	for i < len(src) && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
		i++
	}
	name := strings.ToLower(string(src[1:i]))
	dst = append(dst, src[:i]...)
	src = src[i:]
	for len(src) > 0 {
		// Between attributes.
		i = 0
		for i < len(src) && (isSpace(src[i]) || src[i] == '/') {
			i++
		}
		dst, src = append(dst, src[:i]...), src[i:]
		if len(src) == 0 {
			break
		}
		if src[0] == '>' {
			return append(dst, '>'), src[1:], name
		}
		// The attribute's name.
		i = 0
		for i < len(src) && !isSpace(src[i]) && src[i] != '=' && src[i] != '>' && src[i] != '/' {
			i++
		}
		if i == 0 { // a stray character
			dst, src = append(dst, src[0]), src[1:]
			continue
		}
		attr := strings.ToLower(string(src[:i]))
		dst, src = append(dst, src[:i]...), src[i:]
		if len(src) == 0 || src[0] != '=' {
			continue
		}
		dst, src = append(dst, '='), src[1:]
		// The value, quoted or not.
		var val []byte
		quote := byte(0)
		if len(src) > 0 && (src[0] == '"' || src[0] == '\'') {
			quote = src[0]
			end := bytes.IndexByte(src[1:], quote)
			if end < 0 {
				return append(dst, src...), nil, name
			}
			val, src = src[1:1+end], src[2+end:]
		} else {
			i = 0
			for i < len(src) && !isSpace(src[i]) && src[i] != '>' {
				i++
			}
			val, src = src[:i], src[i:]
		}
		if quote != 0 {
			dst = append(dst, quote)
		}
		switch {
		case attr == "href" || attr == "src" || attr == "action" || attr == "formaction" || attr == "poster":
			dst = r.url(dst, string(val))
		case attr == "srcset":
			dst = r.srcset(dst, string(val))
		case attr == "content" && name == "meta":
			dst = r.refresh(dst, string(val))
		default:
			dst = append(dst, val...)
		}
		if quote != 0 {
			dst = append(dst, quote)
		}
	}
	return dst, src, name
}

// srcset rewrites each candidate of a srcset: "/a.png 1x, /b.png 2x".
func (r *rewriter) srcset(dst []byte, v string) []byte {
	for i, cand := range strings.Split(v, ",") {
		if i > 0 {
			dst = append(dst, ',')
		}
		trimmed := strings.TrimLeft(cand, " \t\n")
		dst = append(dst, cand[:len(cand)-len(trimmed)]...)
		u, desc := trimmed, ""
		if j := strings.IndexAny(trimmed, " \t\n"); j >= 0 {
			u, desc = trimmed[:j], trimmed[j:]
		}
		dst = r.url(dst, u)
		dst = append(dst, desc...)
	}
	return dst
}

// refresh rewrites the URL of a meta refresh's content: "0; url=/new/".
// Other contents are copied as they are.
func (r *rewriter) refresh(dst []byte, v string) []byte {
	m := refreshContent.FindStringSubmatchIndex(v)
	if m == nil {
		return append(dst, v...)
	}
	dst = append(dst, v[:m[2]]...)
	return r.url(dst, v[m[2]:])
}

var refreshContent = regexp.MustCompile(`^\s*\d+\s*;\s*[uU][rR][lL]\s*=\s*(.)`)

// rawText copies the contents of a script or style element up to its end
// tag, which is left for rewrite to copy.
func rawText(dst, src []byte, name string) ([]byte, []byte) {
	end := []byte("</" + name)
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if len(src)-i >= len(end) && bytes.EqualFold(src[i:i+len(end)], end) {
			return append(dst, src[:i]...), src[i:]
		}
		i++
	}
	return append(dst, src...), nil
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
