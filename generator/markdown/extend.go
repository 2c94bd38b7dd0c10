package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// AlertKinds are the GitHub alert kinds, in the order GitHub documents them.
var AlertKinds = []string{"note", "tip", "important", "warning", "caution"}

// KindAlert is the node kind of a GitHub-style alert.
var KindAlert = ast.NewNodeKind("Alert")

// An Alert is a block quote whose first line is [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION]. It renders as a callout.
type Alert struct {
	ast.BaseBlock
	AlertKind string // one of AlertKinds
}

// Kind implements ast.Node.
func (*Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (a *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"AlertKind": a.AlertKind}, nil)
}

type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		marker := strings.TrimSpace(string(first.Value(src)))
		if len(marker) < 4 || !strings.HasPrefix(marker, "[!") || !strings.HasSuffix(marker, "]") {
			continue
		}
		kind := strings.ToLower(marker[2 : len(marker)-1])
		if !isAlertKind(kind) {
			continue
		}
		// Drop the inline nodes of the marker line.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, ok := c.(*ast.Text)
			if !ok || t.Segment.Start >= first.Stop {
				break
			}
			para.RemoveChild(para, c)
			if t.SoftLineBreak() || t.HardLineBreak() {
				break
			}
			c = next
		}
		alert := &Alert{AlertKind: kind}
		if !para.HasChildren() {
			q.RemoveChild(q, para)
		}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			alert.AppendChild(alert, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, alert)
	}
}

func isAlertKind(k string) bool {
	for _, a := range AlertKinds {
		if a == k {
			return true
		}
	}
	return false
}

// KindTableWrap is the node kind of the box that lets a wide table scroll
// inside the page instead of widening it.
var KindTableWrap = ast.NewNodeKind("TableWrap")

// TableWrap holds one table.
type TableWrap struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (*TableWrap) Kind() ast.NodeKind { return KindTableWrap }

// Dump implements ast.Node.
func (w *TableWrap) Dump(src []byte, level int) { ast.DumpHelper(w, src, level, nil, nil) }

type tableTransformer struct{}

func (tableTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var tables []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTable {
			tables = append(tables, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		w := &TableWrap{}
		t.Parent().ReplaceChild(t.Parent(), t, w)
		w.AppendChild(w, t)
	}
}

// plainText returns the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographic replacements are HTML entities: &rsquo;.
			b.WriteString(html.UnescapeString(string(t.Value)))
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}
