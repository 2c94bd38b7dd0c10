package markdown

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// rewriteLink points a link or image n of the page, whose destination is
// dest, at its published URL when it leads inside the site, and records
// it:
//
//	other.md#setup   -> /section/other/#setup
//	../img/flow.png  -> /img/flow.png
//	/kpis/           -> /docs/kpis/ (under base path /docs/)
//	#setup           -> unchanged, recorded for the anchor check
//
// Links with a scheme (https:, mailto:) or a host are left alone.
func rewriteLink(n ast.Node, dest *[]byte, image bool, src []byte, opts Options, lines lineIndex, res *Result) {
	link, to, ok := ResolveLink(string(*dest), opts)
	if !ok {
		return
	}
	link.Line, link.Column = lines.pos(nodeOffset(n, src))
	link.Image = image
	if to != "" {
		*dest = []byte(to)
	}
	res.Links = append(res.Links, link)
}

// ResolveLink resolves a link written on the page opts.Path, the way
// links of the Markdown body are: it returns the link's record (without
// its position) and the URL to publish, or "" to keep the link as
// written. It reports false for a link that leaves the site (with a
// scheme or a host) or is empty, which are not checked.
func ResolveLink(raw string, opts Options) (link Link, to string, ok bool) {
	base := opts.BasePath
	if base == "" {
		base = "/"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//") {
		return Link{}, "", false
	}
	link = Link{Dest: raw, Fragment: u.Fragment}
	switch {
	case u.Path == "":
		if u.Fragment == "" {
			return Link{}, "", false
		}
		link.Found = true // same page
	case strings.HasPrefix(u.Path, "/"):
		// Written from the site root: keep it, under the base path.
		link.Found = true
		to = strings.TrimSuffix(base, "/") + raw
	default:
		link.Target = path.Join(path.Dir(opts.Path), u.Path)
		if strings.HasPrefix(link.Target, "../") || link.Target == ".." || opts.Resolve == nil {
			break
		}
		dest, found := opts.Resolve(link.Target)
		link.Found = found
		if found {
			to = strings.TrimSuffix(base, "/") + dest
			if u.RawQuery != "" {
				to += "?" + u.RawQuery
			}
			if u.Fragment != "" {
				to += "#" + u.EscapedFragment()
			}
		}
	}
	return link, to, true
}

// nodeOffset returns the byte offset of n's first text in src, or of the
// block that holds it.
func nodeOffset(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			// The text of a link starts after its '[' (an image's, after
			// its "!["); report where the link starts.
			start := t.Segment.Start
			if start > 0 && src[start-1] == '[' {
				start--
				if start > 0 && src[start-1] == '!' && n.Kind() == ast.KindImage {
					start--
				}
			}
			return start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

var textBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// inspect walks the page once: it rewrites its links (see rewriteLink),
// records its headings and its plain text below each heading, and numbers
// its task checkboxes.
func inspect(doc ast.Node, src []byte, opts Options, lines lineIndex, res *Result) {
	var cur Block
	var heading ast.Node // being walked: its text is its own, not its block's
	// One buffer for every block, each block's text copied out of it at
	// its exact size: the blocks are kept until the search index is
	// written, and a builder's spare capacity would be kept with them.
	text := textBuffers.Get().(*bytes.Buffer)
	defer textBuffers.Put(text)
	text.Reset()
	flush := func() {
		cur.Text = string(bytes.TrimSpace(text.Bytes()))
		if cur.Text != "" || cur.Heading != "" {
			res.Blocks = append(res.Blocks, cur)
		}
		text.Reset()
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == heading {
				heading = nil
			}
			if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument {
				text.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			rewriteLink(n, &l.Destination, false, src, opts, lines, res)
		case *ast.Image:
			rewriteLink(n, &l.Destination, true, src, opts, lines, res)
		}
		if heading != nil {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			h := Heading{Level: n.Level, ID: string(idb), Text: string(plainText(n, src))}
			res.Headings = append(res.Headings, h)
			cur = Block{HeadingID: h.ID, Heading: h.Text}
			heading = n
			return ast.WalkContinue, nil
		case *east.TaskCheckBox:
			n.SetAttributeString("data-task", res.Tasks)
			res.Tasks++
		case *ast.Text:
			text.Write(n.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				text.WriteByte(' ')
			}
		case *ast.String:
			text.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				text.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
}
