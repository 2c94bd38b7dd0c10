// Package config reads a site's optional opsdocs.yaml.
//
//	title: Northwind Product Ops
//	description: Playbooks, roadmaps and onboarding for product teams
//	base_url: https://intranet.example.com/product-ops/
//	edit_url: https://git.example.com/product/docs/edit/main/
//	nav: [onboarding, playbooks, roadmaps, kpis]
//	review_every: quarterly
//	kpi_stale_after: 45
//	view_page_size: 100
//	public: false
//
// Every key is optional. An unknown key is an error, with a suggestion when
// it looks like a misspelling of a known one.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"gopkg.in/yaml.v3"
)

// File is the name of the configuration file at the site's root.
const File = "opsdocs.yaml"

// Config is a site's configuration.
type Config struct {
	// Title names the site in the header and in every page's <title>.
	Title string
	// Description is the home page's description.
	Description string
	// BaseURL is where the site is published. Its path is the prefix of
	// every link ("/" when empty).
	BaseURL string
	// EditURL is the prefix of each page's "Edit this page" link, followed
	// by the page's path below the site root (content/...).
	EditURL string
	// Nav orders the top-level sections by folder name; those not listed
	// follow in their usual order.
	Nav []string
	// ReviewEvery is the review interval of pages that set none.
	ReviewEvery string
	// KPIStaleAfter is how many days old a KPI's as_of may be before the
	// KPI is flagged stale.
	KPIStaleAfter int
	// ViewPageSize is how many entries each page of a site-wide view
	// (/kpis/, /roadmap/, /freshness/, /changes/) shows at most.
	ViewPageSize int
	// Public lets search engines index the site; by default robots.txt
	// and every page ask them not to.
	Public bool
}

// Keys lists the keys of opsdocs.yaml.
var Keys = []string{"title", "description", "base_url", "edit_url", "nav", "review_every", "kpi_stale_after", "view_page_size", "public"}

// DefaultViewPageSize is how many entries a page of a site-wide view shows
// when the site does not say: enough for a long page, few enough that it
// loads quickly on a phone.
const DefaultViewPageSize = 100

// Default returns the configuration of a site without opsdocs.yaml.
func Default() *Config {
	return &Config{Title: "Docs", KPIStaleAfter: 45, ViewPageSize: DefaultViewPageSize}
}

// Load reads opsdocs.yaml from fsys. A missing file gives the defaults;
// problems are reported to diags and the rest of the file still applies.
func Load(fsys fs.FS, diags *diag.List) *Config {
	c := Default()
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c
	}
	if err != nil {
		diags.Errorf(File, 0, diag.BadConfig, "cannot read: %v", err)
		return c
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		diags.Errorf(File, 0, diag.BadConfig, "invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return c
	}
	if len(doc.Content) == 0 {
		return c
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		diags.Errorf(File, root.Line, diag.BadConfig, "the file must be a map of keys (title: ...)")
		return c
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if err := c.set(k.Value, v); err != nil {
			var e *content.Error
			if errors.As(err, &e) {
				diags.Errorf(File, e.Line, diag.BadConfig, "%s", e.Msg)
			}
			continue
		}
		if !slices.Contains(Keys, k.Value) {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := content.Suggest(k.Value, Keys); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; the keys are " + strings.Join(Keys, ", ")
			}
			diags.Errorf(File, k.Line, diag.BadConfig, "%s", msg)
		}
	}
	return c
}

func (c *Config) set(key string, v *yaml.Node) (err error) {
	switch key {
	case "title":
		c.Title, err = content.String(key, v)
	case "description":
		c.Description, err = content.String(key, v)
	case "base_url":
		c.BaseURL, err = content.String(key, v)
		if err == nil {
			if _, err := BasePath(c.BaseURL); err != nil {
				c.BaseURL = ""
				return content.Errorf(v.Line, "base_url: %v", err)
			}
		}
	case "edit_url":
		c.EditURL, err = content.String(key, v)
	case "nav":
		c.Nav, err = content.Strings(key, v)
	case "review_every":
		c.ReviewEvery, err = content.String(key, v)
		if err == nil && c.ReviewEvery != "" {
			if _, err := freshness.ParseInterval(c.ReviewEvery); err != nil {
				c.ReviewEvery = ""
				return content.Errorf(v.Line, "review_every: %v", err)
			}
		}
	case "public":
		c.Public, err = content.Bool(key, v)
	case "kpi_stale_after":
		var n int
		n, err = content.Int(key, v)
		if err == nil && n < 1 {
			return content.Errorf(v.Line, "kpi_stale_after: %d is not a number of days: give 1 or more", n)
		}
		if err == nil {
			c.KPIStaleAfter = n
		}
	case "view_page_size":
		var n int
		n, err = content.Int(key, v)
		if err == nil && n < 1 {
			return content.Errorf(v.Line, "view_page_size: %d is not a number of entries: give 1 or more (the default is %d)", n, DefaultViewPageSize)
		}
		if err == nil {
			c.ViewPageSize = n
		}
	}
	return err
}

// BasePath returns the path part of a base URL, with a leading and a
// trailing slash: "https://x.example/docs" -> "/docs/". An empty URL
// gives "/".
func BasePath(baseURL string) (string, error) {
	if baseURL == "" {
		return "/", nil
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q: a base URL has no query or fragment", baseURL)
	}
	p := "/" + strings.Trim(u.Path, "/") + "/"
	if p == "//" {
		p = "/"
	}
	return p, nil
}
