// Package markdown converts a page's Markdown body to HTML with the
// extensions opsdocs documents: GitHub Flavored Markdown, footnotes,
// definition lists, typographic quotes, heading ids, GitHub-style alerts,
// syntax highlighting with CSS classes, and links between pages rewritten
// to the target page's URL.
//
// Alongside the HTML, a conversion returns what later stages need without
// parsing the page again: its headings (for the table of contents and
// anchor checks), its links with their lines (for link checks), its first
// top-level heading (a title for pages without one) and its plain text by
// heading (for search).
package markdown

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Converter turns Markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter with opsdocs' Markdown dialect.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM, with table alignment as attributes: inline styles
			// would be blocked by a strict Content-Security-Policy.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(
				util.Prioritized(alertTransformer{}, 100),
				util.Prioritized(tableTransformer{}, 110),
			),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{}, 100)),
		),
	)
	return &Converter{md: md}
}

// Options describe the page being converted.
type Options struct {
	// Path is the page's source path below content/, used to resolve
	// relative links.
	Path string
	// Line is the line of the source file where the body starts, so that
	// reported lines are lines of the file.
	Line int
	// BasePath is the path the site is served under, "/" or "/docs/". It
	// prefixes rewritten links and links written from the site root.
	BasePath string
	// Resolve maps a slash path below content/ to the URL (without base
	// path) of the page or file stored there, reporting whether it exists.
	// A path naming a folder resolves to its section page.
	Resolve func(target string) (url string, ok bool)
	// Title is the page's title from its front matter, if any. A
	// top-level heading that opens the body is left out of the HTML when
	// there is no title (the heading becomes the title) or when it repeats
	// the title: the layout shows the title itself.
	Title string
}

// A Heading is a heading of the page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// A Link is a link or image of the page that points inside the site.
type Link struct {
	Line, Column int
	Dest         string // as written
	Target       string // resolved source path below content/; "" for same-page anchors
	Fragment     string // without '#'
	Image        bool
	Found        bool // Target exists (always true for same-page anchors)
}

// A Block of text is the plain text below one heading (or before the
// first), for search.
type Block struct {
	HeadingID string
	Heading   string
	Text      string
}

// A Result is a converted page.
type Result struct {
	HTML     string
	Title    string // text of the first top-level heading, if any
	Headings []Heading
	Links    []Link
	Blocks   []Block
	Tasks    int // number of task-list checkboxes
}

// Convert converts src, the body of the page described by opts.
func (c *Converter) Convert(src []byte, opts Options) (*Result, error) {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	res := &Result{}
	lines := newLineIndex(src, opts.Line)
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok || h.Level != 1 {
			continue
		}
		res.Title = string(plainText(h, src))
		if c == doc.FirstChild() && (opts.Title == "" || opts.Title == res.Title) {
			doc.RemoveChild(doc, h)
		}
		break
	}
	inspect(doc, src, opts, lines, res)

	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	err := c.md.Renderer().Render(bufWriter{buf}, src, doc)
	if err != nil {
		return nil, err
	}
	// A copy of the exact size, since a buffer's spare capacity would be
	// kept with the page; a string, which layouts take as it is
	// (template.HTML), without another copy.
	res.HTML = buf.String()
	return res, nil
}

// buffers are reused from one conversion to the next.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// A bufWriter is the buffered writer goldmark's renderer writes through,
// writing straight into a buffer: a bufio.Writer in front of the buffer,
// which the renderer makes unless given one, would copy the page once
// more.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Flush() error  { return nil }
func (bufWriter) Buffered() int { return 0 }

// lineIndex maps byte offsets of the body to lines and columns of the file.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) lineIndex {
	if first < 1 {
		first = 1
	}
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts, first}
}

func (l lineIndex) pos(offset int) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return l.first + i, offset - l.starts[i] + 1
}

// Inline converts a one-line value of front matter (a roadmap item's
// description) the way bodies are converted, and returns its HTML without
// the paragraph around it. opts.Line is the value's line; links are
// resolved and recorded as in a body.
func (c *Converter) Inline(src string, opts Options) (*Result, error) {
	res, err := c.Convert([]byte(src), opts)
	if err != nil {
		return nil, err
	}
	h := strings.TrimSpace(res.HTML)
	if inner, ok := strings.CutPrefix(h, "<p>"); ok {
		if inner, ok := strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			h = inner
		}
	}
	res.HTML = h
	return res, nil
}
