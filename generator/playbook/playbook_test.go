package playbook

import (
	"strings"
	"testing"

	"github.com/opsdocs/opsdocs/generator/content/contenttest"
	"github.com/opsdocs/opsdocs/generator/diag"
)

func decode(t *testing.T, src string) (*Playbook, string) {
	t.Helper()
	var d diag.List
	p := Decode(contenttest.Page(t, "playbooks/launch.md", src), &d)
	return p, d.String()
}

func TestDecode(t *testing.T) {
	p, diags := decode(t, `---
type: playbook
owner: product-ops
when: Before any launch
duration: 2 weeks
roles:
  informed: [sales, support]
  responsible: pm
  accountable: [head-of-product]
templates: [../templates/brief.md, https://x.example/doc]
---
`)
	if diags != "" {
		t.Fatalf("diagnostics:\n%s", diags)
	}
	var roles []string
	for _, r := range p.Roles {
		roles = append(roles, r.Name+"="+strings.Join(r.People, "+"))
	}
	// RACI order, whatever the order written; roles without people left out.
	if got := strings.Join(roles, " "); got != "Responsible=pm Accountable=head-of-product Informed=sales+support" {
		t.Errorf("roles: %s", got)
	}
	if p.When != "Before any launch" || p.Duration != "2 weeks" || p.Owner != "product-ops" ||
		len(p.Templates) != 2 || p.Templates[0].Dest != "../templates/brief.md" || p.Templates[0].Pos.Line != 10 {
		t.Errorf("playbook: %+v", p)
	}
}

func TestDecodeErrors(t *testing.T) {
	_, diags := decode(t, `---
type: playbook
when: [a, b]
roles:
  responsable: [pm]
  consulted: {a: b}
  owners: [x]
templates: [{a: b}]
---
`)
	want := `content/playbooks/launch.md:3:7: error: when: want a single line of text, not a list
content/playbooks/launch.md:5:3: warning: roles: unknown role "responsable": did you mean "responsible"?
content/playbooks/launch.md:6:14: error: roles: consulted: want a list such as [a, b], not a map
content/playbooks/launch.md:7:3: warning: roles: unknown role "owners": the roles are responsible, accountable, consulted and informed
content/playbooks/launch.md:8:13: error: templates: each item must be the path of a page, such as ../templates/launch-brief.md
`
	if diags != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
	if p, _ := decode(t, "---\ntitle: Not a playbook\nwhen: now\n---\n"); p != nil {
		t.Errorf("a plain page decoded as a playbook: %+v", p)
	}
}
