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
	l, ok := t.layouts[layout]
	if !ok {
		return false
	}
	tmpl := l.tmpl
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
	return anyNode(n, func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.FieldNode:
			return chain(n.Ident)
		case *parse.VariableNode:
			return chain(n.Ident[1:])
		case *parse.ChainNode:
			return chain(n.Field)
		}
		return false
	})
}

// anyNode reports whether f holds for n or a node below it.
func anyNode(n parse.Node, f func(parse.Node) bool) bool {
	if n == nil || f(n) {
		return n != nil
	}
	var kids []parse.Node
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			kids = append(kids, c)
		}
	case *parse.ActionNode:
		kids = append(kids, n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			kids = append(kids, c)
		}
	case *parse.CommandNode:
		kids = n.Args
	case *parse.ChainNode:
		kids = append(kids, n.Node)
	case *parse.IfNode:
		kids = append(kids, &n.BranchNode)
	case *parse.RangeNode:
		kids = append(kids, &n.BranchNode)
	case *parse.WithNode:
		kids = append(kids, &n.BranchNode)
	case *parse.BranchNode:
		kids = append(kids, n.Pipe, n.List)
		if n.ElseList != nil {
			kids = append(kids, n.ElseList)
		}
	case *parse.TemplateNode:
		if n.Pipe != nil {
			kids = append(kids, n.Pipe)
		}
	}
	for _, c := range kids {
		if anyNode(c, f) {
			return true
		}
	}
	return false
}
