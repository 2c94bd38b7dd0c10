package render

import "text/template/parse"

// ReadsSite reports whether the layout, or any template it can call (base
// and the partials), may read the field name of .Site: it names
// .Site.name ($.Site.name, (...).Site.name) somewhere, or passes .Site
// itself on (to with, range, a variable, a function or a template),
// after which any of its fields may be read under another name. A live
// preview uses it to find the pages to render again after a change to
// the data of the site-wide views, which only the pages whose layouts
// read that data show.
func (t *Templates) ReadsSite(layout, name string) bool {
	tmpl, ok := t.layouts[layout]
	if !ok {
		return false
	}
	for _, tt := range tmpl.Templates() {
		if tt.Tree != nil && readsSite(tt.Tree.Root, name) {
			return true
		}
	}
	return false
}

// readsSite reports whether the parse tree below n reads .Site.name, or
// lets .Site go.
func readsSite(n parse.Node, name string) bool {
	chain := func(idents []string) bool {
		for i, id := range idents {
			if id == "Site" && (i == len(idents)-1 || idents[i+1] == name) {
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
			if readsSite(c, name) {
				return true
			}
		}
	case *parse.ActionNode:
		return readsSite(n.Pipe, name)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if readsSite(c, name) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, c := range n.Args {
			if readsSite(c, name) {
				return true
			}
		}
	case *parse.FieldNode:
		return chain(n.Ident)
	case *parse.VariableNode:
		return chain(n.Ident[1:])
	case *parse.ChainNode:
		return chain(n.Field) || readsSite(n.Node, name)
	case *parse.IfNode:
		return readsSite(&n.BranchNode, name)
	case *parse.RangeNode:
		return readsSite(&n.BranchNode, name)
	case *parse.WithNode:
		return readsSite(&n.BranchNode, name)
	case *parse.BranchNode:
		return readsSite(n.Pipe, name) || readsSite(n.List, name) || readsSite(n.ElseList, name)
	case *parse.TemplateNode:
		return readsSite(n.Pipe, name)
	}
	return false
}
