package render

import "text/template/parse"

// Uses reports whether the layout, or any template it can call (base and
// the partials), names the field name anywhere: .Site.KPIs and $.Site.KPIs
// both name KPIs. A live preview uses it to find the pages to render again
// after a change to the data of the site-wide views, which only the pages
// whose layouts read that data show.
func (t *Templates) Uses(layout, name string) bool {
	tmpl, ok := t.layouts[layout]
	if !ok {
		return false
	}
	for _, tt := range tmpl.Templates() {
		if tt.Tree != nil && names(tt.Tree.Root, name) {
			return true
		}
	}
	return false
}

// names reports whether the parse tree below n names the field name.
func names(n parse.Node, name string) bool {
	has := func(idents []string) bool {
		for _, id := range idents {
			if id == name {
				return true
			}
		}
		return false
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if names(c, name) {
				return true
			}
		}
	case *parse.ActionNode:
		return names(n.Pipe, name)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if names(c, name) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, c := range n.Args {
			if names(c, name) {
				return true
			}
		}
	case *parse.FieldNode:
		return has(n.Ident)
	case *parse.VariableNode:
		return has(n.Ident)
	case *parse.ChainNode:
		return has(n.Field) || names(n.Node, name)
	case *parse.IfNode:
		return names(&n.BranchNode, name)
	case *parse.RangeNode:
		return names(&n.BranchNode, name)
	case *parse.WithNode:
		return names(&n.BranchNode, name)
	case *parse.BranchNode:
		return names(n.Pipe, name) || names(n.List, name) || names(n.ElseList, name)
	case *parse.TemplateNode:
		return names(n.Pipe, name)
	}
	return false
}
