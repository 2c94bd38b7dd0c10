package generator

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/opsdocs/opsdocs/generator/diag"
)

// An alias is an earlier URL of a page, published as a redirect to it.
type alias struct {
	from string // the redirect's URL, without the base path: /old/path/
	to   *page
}

// file is the output file of the alias's redirect page.
func (a alias) file() string {
	name := strings.TrimPrefix(a.from, "/")
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}

// aliases collects the earlier URLs of every page, reporting those that
// are malformed or taken by a page or another alias.
func (b *builder) aliases(diags *diag.List) []alias {
	// Every URL the site publishes: pages, the section pages of folders,
	// files, the pages of site-wide views after their first.
	urls := make(map[string]string, len(b.targets))
	for src, u := range b.targets {
		urls[u] = "content/" + src
	}
	for _, p := range b.pages {
		urls[p.URL] = p.File
	}
	for u, what := range b.viewPageURLs() {
		if _, ok := urls[u]; !ok {
			urls[u] = what
		}
	}
	var out []alias
	for _, p := range b.pages {
		if len(p.Aliases) == 0 {
			continue
		}
		line := p.Meta.Line("aliases")
		for _, a := range p.Aliases {
			from, err := aliasURL(a)
			if err != nil {
				diags.Errorf(p.File, line, diag.BadFrontMatter, "aliases: %v", err)
				continue
			}
			if other, ok := urls[from]; ok {
				diags.Errorf(p.File, line, diag.DuplicateURL, "aliases: %s is already the URL of %s: remove the alias or move that page", from, other)
				continue
			}
			urls[from] = p.File
			out = append(out, alias{from, p})
		}
	}
	return out
}

// aliasURL normalises an alias to a URL below the site's root: "old/x",
// "/old/x/" -> "/old/x/"; "/old/x.html" stays a file.
func aliasURL(a string) (string, error) {
	u, err := url.Parse(a)
	if err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q is not a path of this site, such as /old/path/", a)
	}
	p := u.Path
	if strings.Contains("/"+p+"/", "/../") || strings.Contains("/"+p+"/", "/./") || strings.Contains(p, "//") {
		return "", fmt.Errorf("%q: write the path without . or .. parts, such as /old/path/", a)
	}
	p = "/" + strings.Trim(p, "/")
	if p == "/" {
		return "", fmt.Errorf("%q is the home page: an alias names an earlier URL of this page", a)
	}
	if ext := path.Ext(p); ext == ".html" || ext == ".htm" {
		return p, nil
	}
	return p + "/", nil
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.URL}}">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This page has moved to <a href="{{.URL}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// writeAliases writes a redirect page at each alias.
func (b *builder) writeAliases(aliases []alias) error {
	for _, a := range aliases {
		var buf bytes.Buffer
		if err := redirectPage.Execute(&buf, struct{ Title, URL string }{a.to.Title, b.base + a.to.URL}); err != nil {
			return err
		}
		if err := b.writeHTML(a.file(), buf.Bytes()); err != nil {
			return err
		}
		b.res.Files++
	}
	return nil
}

// writeRobots writes robots.txt and, for a site with an absolute base URL,
// sitemap.xml. Unless the site is public, robots.txt asks every crawler to
// stay away.
func (b *builder) writeRobots(pages []*page) error {
	site := ""
	if u, err := url.Parse(b.baseURL); err == nil && u.Scheme != "" && u.Host != "" {
		site = u.Scheme + "://" + u.Host
	}
	var robots bytes.Buffer
	robots.WriteString("User-agent: *\n")
	if !b.cfg.Public {
		robots.WriteString("Disallow: /\n")
	} else {
		robots.WriteString("Allow: /\n")
		if site != "" {
			fmt.Fprintf(&robots, "Sitemap: %s%ssitemap.xml\n", site, b.basePath)
		}
	}
	if err := b.opts.Output.WriteFile("robots.txt", robots.Bytes()); err != nil {
		return err
	}
	b.res.Files++
	if site == "" {
		return nil
	}
	var sm bytes.Buffer
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		loc := (&url.URL{Scheme: "", Path: b.base + p.URL}).EscapedPath()
		fmt.Fprintf(&sm, "<url><loc>%s%s</loc>", site, template.HTMLEscapeString(loc))
		if !p.Updated.IsZero() {
			fmt.Fprintf(&sm, "<lastmod>%s</lastmod>", p.Updated.Format("2006-01-02"))
		}
		sm.WriteString("</url>\n")
	}
	sm.WriteString("</urlset>\n")
	b.res.Files++
	return b.opts.Output.WriteFile("sitemap.xml", sm.Bytes())
}
