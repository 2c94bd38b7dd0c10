package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/opsdocs/opsdocs/generator/markdown/internal/fastlex"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes whose HTML opsdocs shapes itself:
// headings with a link to themselves, alerts, wrapped tables, highlighted
// code and numbered task checkboxes.
type nodeRenderer struct{}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(KindAlert, r.alert)
	reg.Register(KindTableWrap, r.tableWrap)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(east.KindTaskCheckBox, r.taskCheckBox)
	reg.Register(east.KindTableCell, r.tableCell)
}

// tableCell renders a cell as goldmark's table extension does, alignment
// as an attribute, without its formatted prints: a page's tables have
// hundreds of cells.
func (r *nodeRenderer) tableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag, filter := "td", extension.TableTdCellAttributeFilter
	if n.Parent().Kind() == east.KindTableHeader {
		tag, filter = "th", extension.TableThCellAttributeFilter
	}
	if !entering {
		w.WriteString("</")
		w.WriteString(tag)
		w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	w.WriteByte('<')
	w.WriteString(tag)
	if n.Alignment != east.AlignNone {
		if _, ok := n.AttributeString("align"); !ok {
			w.WriteString(` align="`)
			w.WriteString(n.Alignment.String())
			w.WriteByte('"')
		}
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id, _ := n.AttributeString("id")
	idb, _ := id.([]byte)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(idb) > 0 && n.Level > 1 {
		w.WriteString(`<a class="anchor" href="#`)
		w.Write(util.EscapeHTML(idb))
		w.WriteString(`" aria-label="Link to this section: `)
		w.Write(util.EscapeHTML(plainText(n, src)))
		w.WriteString(`">#</a>`)
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

var alertTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

func (r *nodeRenderer) alert(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Alert)
	if entering {
		fmt.Fprintf(w, "<div class=\"alert alert-%s\" role=\"note\">\n<p class=\"alert-title\">%s</p>\n", n.AlertKind, alertTitles[n.AlertKind])
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) tableWrap(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// Focusable, so that a table wider than the page can be
		// scrolled with the keyboard; a group rather than a region, so
		// that tables do not crowd the page's landmarks.
		w.WriteString(`<div class="table-wrap" role="group" aria-label="Table" tabindex="0">` + "\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) taskCheckBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TaskCheckBox)
	idx, _ := n.AttributeString("data-task")
	w.WriteString(`<input type="checkbox" class="task-check" disabled`)
	if n.IsChecked {
		w.WriteString(" checked")
	}
	if i, ok := idx.(int); ok {
		w.WriteString(` data-task="`)
		w.WriteString(strconv.Itoa(i))
		w.WriteByte('"')
	}
	w.WriteString("> ")
	return ast.WalkContinue, nil
}

var (
	// formatter writes the style sheet of highlighted code (see
	// ChromaCSS); writeTokens, the code.
	formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))
	// lexerCache avoids chroma's lookup by name, which scans every lexer.
	lexerCache sync.Map // string -> chroma.Lexer (nil when none)
)

func lexerFor(lang string) chroma.Lexer {
	if v, ok := lexerCache.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	if l != nil {
		l = chroma.Coalesce(patient(l))
	}
	lexerCache.Store(lang, l)
	return l
}

// matchLimit is how long one of chroma's patterns may take to match at
// one place. Chroma allows 250 ms of wall-clock time, and a pattern that
// runs out of it counts as not matching: on a busy machine, where a
// build's goroutines may wait that long for a processor, the same code
// block was highlighted differently from one build to the next. The
// limit is there to stop patterns that backtrack without end on some
// input; a longer one still does, but a pattern that merely waited for a
// processor no longer runs out of it.
const matchLimit = 10 * time.Second

// patient returns a copy of a chroma lexer whose patterns have matchLimit
// to match. The copy has the lexer's rules plus one that, when chroma
// compiles the rules, sets the limit of every pattern and removes itself.
// Lexers other than chroma's regular-expression lexers are returned as
// they are.
func patient(l chroma.Lexer) chroma.Lexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return l
	}
	rules, err := rl.Rules()
	if err != nil {
		return l
	}
	copied := make(chroma.Rules, len(rules))
	for state, rs := range rules {
		copied[state] = slices.Clone(rs)
	}
	copied["root"] = append(copied["root"], chroma.Rule{Pattern: `(?!)`, Mutator: &setLimits{}})
	nl, err := chroma.NewLexer(rl.Config(), func() chroma.Rules { return copied })
	if err != nil {
		return l
	}
	nl.SetRegistry(lexers.GlobalLexerRegistry)
	return nl
}

// setLimits is the rule patient adds: a chroma.LexerMutator.
type setLimits struct{}

func (*setLimits) Mutate(*chroma.LexerState) error { return nil }

func (*setLimits) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = matchLimit
			}
		}
	}
	rules[state] = slices.Delete(rules[state], rule, rule+1)
	return nil
}

func (r *nodeRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		lang = strings.ToLower(strings.Fields(string(f.Info.Value(src)) + " ")[0])
		lang, _, _ = strings.Cut(lang, "{")
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	w.WriteString(`<div class="code-block"`)
	if lang != "" {
		w.WriteString(` data-lang="`)
		w.Write(util.EscapeHTML([]byte(lang)))
		w.WriteString(`"`)
	}
	w.WriteString(">")
	// The <pre> is focusable, so that keyboard users can scroll a long
	// line into view.
	w.WriteString(`<pre tabindex="0" class="chroma"><code>`)
	if l := lexerFor(lang); l != nil && lang != "" {
		// The fast path gives the tokens chroma would, or gives up.
		if tokens, ok := fastlex.Tokens(l.Config().Name, code.String()); ok {
			writeTokens(w, tokens)
			w.WriteString("</code></pre></div>\n")
			return ast.WalkSkipChildren, nil
		}
		if it, err := l.Tokenise(nil, code.String()); err == nil {
			writeTokens(w, it.Tokens())
			w.WriteString("</code></pre></div>\n")
			return ast.WalkSkipChildren, nil
		}
	}
	w.Write(util.EscapeHTML(code.Bytes()))
	w.WriteString("</code></pre></div>\n")
	return ast.WalkSkipChildren, nil
}

// writeTokens writes highlighted code as chroma's HTML formatter does
// with CSS classes: each line in <span class="line"><span class="cl">,
// each token with a class in a <span> of that class. Chroma's formatter
// formats every token's markup anew, which cost as much as a fifth of
// highlighting; this writes the same bytes.
func writeTokens(w util.BufWriter, tokens []chroma.Token) {
	line, codeLine := tokenClass(chroma.Line), tokenClass(chroma.CodeLine)
	for _, tokens := range chroma.SplitTokensIntoLines(tokens) {
		w.WriteString(`<span class="` + line + `"><span class="` + codeLine + `">`)
		for _, t := range tokens {
			cls := tokenClass(t.Type)
			if cls != "" {
				w.WriteString(`<span class="`)
				w.WriteString(cls)
				w.WriteString(`">`)
			}
			writeEscaped(w, t.Value)
			if cls != "" {
				w.WriteString("</span>")
			}
		}
		w.WriteString("</span></span>")
	}
}

// writeEscaped writes s escaped for HTML as html.EscapeString does.
func writeEscaped(w util.BufWriter, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(esc)
		start = i + 1
	}
	w.WriteString(s[start:])
}

// tokenClasses caches tokenClass.
var tokenClasses sync.Map // chroma.TokenType -> string

// tokenClass returns the CSS class of a token type, as chroma's HTML
// formatter names it: its own, else that of its nearest parent type that
// has one; "" for none.
func tokenClass(tt chroma.TokenType) string {
	if c, ok := tokenClasses.Load(tt); ok {
		return c.(string)
	}
	cls := ""
	for t := tt; ; t = t.Parent() {
		if c, ok := chroma.StandardTypes[t]; ok || t == 0 {
			cls = c
			break
		}
	}
	tokenClasses.Store(tt, cls)
	return cls
}

// ChromaCSS returns the style sheet for highlighted code: the light style
// when the page is light, the dark one when it is dark, whether the reader
// chose ([data-theme]) or the system did. Each style applies only in its
// own mode, so that a class one style colours and the other does not never
// leaks across.
func ChromaCSS(light, dark string) ([]byte, error) {
	ls, ds := styles.Registry[light], styles.Registry[dark]
	if ls == nil || ds == nil {
		return nil, fmt.Errorf("unknown highlighting style %q or %q", light, dark)
	}
	var out bytes.Buffer
	for _, mode := range []struct {
		style  *chroma.Style
		name   string
		scheme string
	}{{ls, "light", "light"}, {ds, "dark", "dark"}} {
		var css bytes.Buffer
		if err := formatter.WriteCSS(&css, mode.style); err != nil {
			return nil, err
		}
		out.Write(prefixRules(css.Bytes(), `:root[data-theme="`+mode.name+`"] `))
		out.WriteString("@media (prefers-color-scheme: " + mode.scheme + ") {\n")
		out.Write(prefixRules(css.Bytes(), `:root:not([data-theme]) `))
		out.WriteString("}\n")
	}
	return out.Bytes(), nil
}

// prefixRules puts prefix before the selector of every rule of css, which
// chroma writes one per line.
func prefixRules(css []byte, prefix string) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(css, []byte("\n")) {
		s := string(line)
		start := 0
		if j := strings.Index(s, "*/"); j >= 0 {
			start = j + 2
		}
		if i := strings.IndexByte(s[start:], '.'); i >= 0 && strings.Contains(s, "{") {
			s = s[:start+i] + prefix + s[start+i:]
		}
		out.WriteString(s)
	}
	return out.Bytes()
}
