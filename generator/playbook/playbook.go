// Package playbook reads the summary of playbooks from front matter.
//
//	type: playbook
//	owner: product-ops
//	when: Before any customer-facing launch        # one line: when to use it
//	duration: 2 weeks                              # free text
//	roles:                                         # RACI, each a list of names or teams
//	  responsible: [pm]
//	  accountable: [head-of-product]
//	  consulted: [eng-lead, design-lead]
//	  informed: [sales, support]
//	templates: [../templates/launch-brief.md]      # pages of the site, checked like links
//
// Problems are reported at their line under the code playbook-invalid.
package playbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"gopkg.in/yaml.v3"
)

// RoleKeys are the keys of roles, in RACI order.
var RoleKeys = []string{"responsible", "accountable", "consulted", "informed"}

// A Playbook is the summary of a playbook page.
type Playbook struct {
	When, Duration, Owner string
	Roles                 []Role
	Templates             []*Template
}

// A Role is one line of the RACI table.
type Role struct {
	Name   string // "Responsible"
	People []string
}

// A Template is a page the playbook uses. Pos is where it is written;
// URL and Title are set once the link is resolved.
type Template struct {
	Dest       string
	Pos        content.Pos
	URL, Title string
}

// An Entry is a playbook in its section's index.
type Entry struct {
	Title, URL, Description, Owner, When, Duration string
	// Review is the playbook's review status; nil when not tracked.
	Review *freshness.Review
}

// Decode reads a playbook page's summary; nil for other pages.
func Decode(pg *content.Page, diags *diag.List) *Playbook {
	if pg.Type != content.TypePlaybook {
		return nil
	}
	p := &Playbook{Owner: pg.Owner}
	bad := func(v *yaml.Node, sev diag.Severity, format string, args ...any) {
		diags.Add(diag.Diagnostic{Path: pg.File, Line: v.Line, Column: v.Column, Severity: sev, Code: diag.PlaybookInvalid, Message: fmt.Sprintf(format, args...)})
	}
	text := func(key string) string {
		v := pg.Meta.Get(key)
		if v == nil {
			return ""
		}
		s, err := content.String(key, v)
		if err != nil {
			bad(v, diag.Error, "%s", err.(*content.Error).Msg)
		}
		return strings.TrimSpace(s)
	}
	p.When = text("when")
	p.Duration = text("duration")
	if v := pg.Meta.Get("roles"); v != nil && v.Tag != "!!null" {
		if v.Kind != yaml.MappingNode {
			bad(v, diag.Error, "roles: want the keys responsible, accountable, consulted and informed, each with a list of names")
		} else {
			got := map[string][]string{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, val := v.Content[i], v.Content[i+1]
				if !slices.Contains(RoleKeys, k.Value) {
					msg := fmt.Sprintf("roles: unknown role %q", k.Value)
					if s := content.Suggest(k.Value, RoleKeys); s != "" {
						msg += fmt.Sprintf(": did you mean %q?", s)
					} else {
						msg += ": the roles are responsible, accountable, consulted and informed"
					}
					bad(k, diag.Warning, "%s", msg)
					continue
				}
				people, err := content.Strings("roles: "+k.Value, val)
				if err != nil {
					bad(val, diag.Error, "%s", err.(*content.Error).Msg)
				}
				got[k.Value] = people
			}
			for _, k := range RoleKeys {
				if len(got[k]) > 0 {
					p.Roles = append(p.Roles, Role{Name: strings.ToUpper(k[:1]) + k[1:], People: got[k]})
				}
			}
		}
	}
	if v := pg.Meta.Get("templates"); v != nil {
		nodes := v.Content
		switch v.Kind {
		case yaml.ScalarNode:
			nodes = []*yaml.Node{v}
		case yaml.MappingNode:
			bad(v, diag.Error, "templates: want a list of pages such as [../templates/launch-brief.md]")
			nodes = nil
		}
		for _, n := range nodes {
			if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
				bad(n, diag.Error, "templates: each item must be the path of a page, such as ../templates/launch-brief.md")
				continue
			}
			p.Templates = append(p.Templates, &Template{Dest: strings.TrimSpace(n.Value), Pos: content.PosOf(n)})
		}
	}
	return p
}
