// Package fastyaml parses the common shape of front matter into the same
// yaml.Node tree as gopkg.in/yaml.v3, several times faster, and declines
// anything else, which the caller then gives to yaml.v3.
//
// The shape it reads is block mappings and block sequences, nested by
// indentation with spaces, whose keys are plain words and whose values
// are scalars on one line: plain, single-quoted or double-quoted with
// the common escapes, and flow sequences and mappings of such scalars
// ([a, "b"], {date: 2025-01-31, value: 4}). Parse declines comments,
// anchors, aliases, tags, block scalars (| and >), flow collections in
// flow collections, scalars over several lines, empty values, tabs,
// carriage returns, and any text yaml.v3 would reject; so for any input
// it accepts, the tree is the one yaml.v3 returns, positions, styles and
// tags included (a property the package's tests and fuzz test check
// against yaml.v3 itself).
package fastyaml

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Parse parses src, the text of a YAML document, and returns its root
// node: the node yaml.v3 puts in the Content of its document node. It
// reports false when src is outside the shape the package reads.
func Parse(src []byte) (root *yaml.Node, ok bool) {
	p := parser{}
	if !p.split(src) || len(p.lines) == 0 {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if r != errDecline {
				panic(r)
			}
			root, ok = nil, false
		}
	}()
	n := p.block(p.lines[0].indent)
	if p.i != len(p.lines) {
		return nil, false
	}
	return n, true
}

type declined struct{}

// errDecline is panicked with to leave the parse, from any depth.
var errDecline = &declined{}

func decline() { panic(errDecline) }

// A line is a line of the document that is not blank.
type line struct {
	num    int    // from 1
	indent int    // spaces before text
	text   string // after them, without trailing spaces
}

type parser struct {
	lines []line
	i     int // the next line

	// The nodes of a document, and the lists of their children, are
	// allocated a slab at a time rather than one by one, the first slab
	// sized for the whole document (see split): the stack holds the
	// children of the collections being parsed.
	nodes []yaml.Node
	lists []*yaml.Node
	stack []*yaml.Node
	// The nodes and children the document needs at most, as split
	// counts them, until their first slab is made.
	needNodes, needLists int
}

// node returns a new node.
func (p *parser) node() *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]yaml.Node, max(16, p.needNodes))
		p.needNodes = 0
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	return n
}

// children returns the nodes pushed on the stack since it held start, and
// pops them.
func (p *parser) children(start int) []*yaml.Node {
	n := len(p.stack) - start
	if n == 0 {
		return nil
	}
	if len(p.lists) < n {
		p.lists = make([]*yaml.Node, max(n, 16, p.needLists))
		p.needLists = 0
	}
	c := p.lists[:n:n]
	p.lists = p.lists[n:]
	copy(c, p.stack[start:])
	clear(p.stack[start:])
	p.stack = p.stack[:start]
	return c
}

// split cuts src into lines, dropping blank ones, and checks that it
// holds no character the package declines.
func (p *parser) split(src []byte) bool {
	if !utf8.Valid(src) {
		return false
	}
	s := string(src)
	// The nodes a document needs, about: one per line, and one more per
	// key (a colon), per item of a flow collection (a comma), per flow
	// collection and per item of a block sequence, which may be a
	// mapping. Counted so, front matter rarely needs a second slab.
	p.needNodes = 1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n', c == ':', c == ',', c == '[', c == '{', c == '-' && i+1 < len(s) && s[i+1] == ' ':
			p.needNodes++
		case c < 0x20 || c == 0x7f || c == '#':
			return false // tabs, carriage returns, comments
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !printable(r) {
				return false
			}
			i += size - 1
		}
	}
	p.needLists = p.needNodes
	p.lines = make([]line, 0, strings.Count(s, "\n")+1)
	for num := 1; s != ""; num++ {
		var l string
		l, s, _ = strings.Cut(s, "\n")
		text := strings.TrimLeft(l, " ")
		indent := len(l) - len(text)
		text = strings.TrimRight(text, " ")
		if text == "" {
			continue
		}
		p.lines = append(p.lines, line{num: num, indent: indent, text: text})
	}
	return true
}

// printable reports whether r, beyond ASCII, is a character YAML allows
// in its text and does not treat as a line break.
func printable(r rune) bool {
	switch {
	case r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xfffe && r <= 0xffff:
		return false
	}
	return true
}

// block parses the block node whose first line is the next one, at
// indent.
func (p *parser) block(indent int) *yaml.Node {
	l := p.lines[p.i]
	if l.indent != indent {
		decline()
	}
	if isItem(l.text) {
		return p.sequence(indent)
	}
	return p.mapping(indent, 0)
}

// isItem reports whether text starts an item of a block sequence.
func isItem(text string) bool {
	return strings.HasPrefix(text, "- ") || text == "-"
}

// mapping parses a block mapping whose keys are at indent; its first
// key starts at byte from of the next line (after "- " for a mapping
// that is an item of a sequence).
func (p *parser) mapping(indent, from int) *yaml.Node {
	first := p.lines[p.i]
	m := p.node()
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: first.num, Column: indent + 1}
	start := len(p.stack)
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		text := l.text
		if len(p.stack) == start {
			text = text[from:]
		} else if l.indent < indent {
			break
		} else if l.indent > indent {
			decline()
		}
		keyEnd := keyLen(text)
		if keyEnd < 0 {
			decline()
		}
		key := p.scalar(text[:keyEnd], yaml.Style(0), l.num, indent+1)
		rest := strings.TrimLeft(text[keyEnd+1:], " ")
		p.i++
		var value *yaml.Node
		if rest == "" {
			value = p.nested(indent)
		} else {
			col := indent + 1 + utf8.RuneCountInString(text[:len(text)-len(rest)])
			value = p.inline(rest, l.num, col, indent)
		}
		p.stack = append(p.stack, key, value)
	}
	m.Content = p.children(start)
	return m
}

// keyLen returns the length of the plain key that starts text, followed
// by ":" and a space or the end of the line, or -1. Keys are short:
// yaml.v3 refuses one over 1,024 characters.
func keyLen(text string) int {
	for i := 0; i < len(text) && i < 256; i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case c >= '0' && c <= '9', c == '-', c == '.', c == '/':
			if i == 0 {
				return -1
			}
		case c == ':' && i > 0 && (i+1 == len(text) || text[i+1] == ' '):
			return i
		default:
			return -1
		}
	}
	return -1
}

// nested parses the value of a key that ends its line, at indent: a block
// node on the following lines, more indented, or a sequence at the same
// indent.
func (p *parser) nested(indent int) *yaml.Node {
	if p.i == len(p.lines) {
		decline() // an empty value
	}
	l := p.lines[p.i]
	switch {
	case l.indent > indent:
		return p.block(l.indent)
	case l.indent == indent && isItem(l.text):
		return p.sequence(indent)
	}
	decline() // an empty value
	return nil
}

// sequence parses a block sequence whose dashes are at indent.
func (p *parser) sequence(indent int) *yaml.Node {
	first := p.lines[p.i]
	s := p.node()
	*s = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.num, Column: indent + 1}
	start := len(p.stack)
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent || (l.indent == indent && !isItem(l.text)) {
			break
		}
		if l.indent > indent || l.text == "-" {
			decline()
		}
		rest := strings.TrimLeft(l.text[1:], " ")
		at := len(l.text) - len(rest) // bytes from the dash to the item
		if isItem(rest) {
			decline() // a sequence in a sequence
		}
		if keyLen(rest) >= 0 {
			p.stack = append(p.stack, p.mapping(indent+at, at))
			continue
		}
		p.i++
		p.stack = append(p.stack, p.inline(rest, l.num, indent+at+1, indent))
	}
	s.Content = p.children(start)
	return s
}

// inline parses a value that starts on its line at column col and ends
// with it; indent is the indent of its key or dash, which a next line
// more indented would continue.
func (p *parser) inline(text string, num, col, indent int) *yaml.Node {
	if p.i < len(p.lines) && p.lines[p.i].indent > indent {
		decline() // a scalar over several lines, or a nested block after a value
	}
	var n *yaml.Node
	var rest string
	switch text[0] {
	case '"', '\'':
		n, rest = p.quoted(text, num, col)
	case '[', '{':
		n, rest = p.flow(text, num, col)
	default:
		return p.plain(text, num, col, false)
	}
	if strings.TrimLeft(rest, " ") != "" {
		decline()
	}
	return n
}

// plain returns the plain scalar text, declining what would not be one
// in its context (flow, inside [...]).
func (p *parser) plain(text string, num, col int, flow bool) *yaml.Node {
	switch text[0] {
	case '-', '?', ':':
		if len(text) == 1 || text[1] == ' ' || (flow && strings.ContainsRune(",[]{}", rune(text[1]))) {
			decline()
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		decline()
	}
	if strings.Contains(text, ": ") || strings.HasSuffix(text, ":") || (flow && strings.ContainsAny(text, ":?,[]{}")) {
		decline()
	}
	return p.scalar(text, 0, num, col)
}

// scalar returns a scalar node of style, with the tag yaml.v3 gives it.
func (p *parser) scalar(value string, style yaml.Style, num, col int) *yaml.Node {
	tag := "!!str"
	if style == 0 {
		tag = resolve(value)
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: tag, Value: value, Line: num, Column: col}
	return n
}

// quoted parses the single- or double-quoted scalar that starts text,
// and returns it and the text after it.
func (p *parser) quoted(text string, num, col int) (*yaml.Node, string) {
	q := text[0]
	style := yaml.SingleQuotedStyle
	if q == '"' {
		style = yaml.DoubleQuotedStyle
	}
	// Most quoted scalars escape nothing: their value is their text.
	if end := strings.IndexByte(text[1:], q) + 1; end > 0 {
		escaped := q == '\'' && strings.HasPrefix(text[end+1:], "'") ||
			q == '"' && strings.IndexByte(text[1:end], '\\') >= 0
		if !escaped {
			return p.scalar(text[1:end], style, num, col), text[end+1:]
		}
	}
	var b strings.Builder
	for i := 1; i < len(text); i++ {
		c := text[i]
		switch {
		case c == q && q == '\'' && i+1 < len(text) && text[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == q:
			return p.scalar(b.String(), style, num, col), text[i+1:]
		case c == '\\' && q == '"':
			if i+1 == len(text) {
				decline()
			}
			i++
			switch text[i] {
			case '\\', '"':
				b.WriteByte(text[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				decline()
			}
		default:
			b.WriteByte(c)
		}
	}
	decline() // unclosed, or closed on a later line
	return nil, ""
}

// flow parses the flow sequence or mapping of scalars that starts text
// ([a, b] or {a: 1, b: 2}), and returns it and the text after it.
func (p *parser) flow(text string, num, col int) (*yaml.Node, string) {
	n := p.node()
	*n = yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: num, Column: col}
	start := len(p.stack)
	closing := byte(']')
	if text[0] == '{' {
		n.Kind, n.Tag, closing = yaml.MappingNode, "!!map", '}'
	}
	i := 1
	skip := func() {
		for i < len(text) && text[i] == ' ' {
			i++
		}
	}
	// item parses a scalar at i, ending before any of stops.
	item := func(stops string) *yaml.Node {
		itemCol := col + utf8.RuneCountInString(text[:i])
		if c := text[i]; c == '"' || c == '\'' {
			n, rest := p.quoted(text[i:], num, itemCol)
			i = len(text) - len(rest)
			return n
		}
		end := i
		for end < len(text) && strings.IndexByte(stops, text[end]) < 0 {
			end++
		}
		v := strings.TrimRight(text[i:end], " ")
		if v == "" {
			decline()
		}
		i = end
		return p.plain(v, num, itemCol, true)
	}
	skip()
	if i < len(text) && text[i] == closing {
		n.Content = p.children(start)
		return n, text[i+1:]
	}
	for i < len(text) {
		if closing == ']' {
			p.stack = append(p.stack, item(",]"))
		} else {
			k := keyLen(text[i:])
			if k < 0 || i+k+1 == len(text) {
				decline()
			}
			p.stack = append(p.stack, p.scalar(text[i:i+k], 0, num, col+utf8.RuneCountInString(text[:i])))
			i += k + 1
			skip()
			if i == len(text) {
				decline()
			}
			p.stack = append(p.stack, item(",}"))
		}
		skip()
		if i == len(text) {
			break
		}
		switch text[i] {
		case closing:
			n.Content = p.children(start)
			return n, text[i+1:]
		case ',':
			i++
			skip()
			if i < len(text) && text[i] == closing {
				decline() // a trailing comma
			}
		default:
			decline()
		}
	}
	decline() // unclosed, or closed on a later line
	return nil, ""
}

// numberShape reports whether v is a decimal integer of at most 18
// digits without leading zeros ("int"), a decimal fraction of at most 15
// digits on each side of the point ("float") or a date as YYYY-MM-DD
// ("date").
func numberShape(v string) string {
	digits := func(s string) int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		return n
	}
	if len(v) == 10 && digits(v) == 4 && v[4] == '-' && digits(v[5:]) == 2 && v[7] == '-' && digits(v[8:]) == 2 {
		return "date"
	}
	if v[0] == '-' || v[0] == '+' {
		v = v[1:]
	}
	whole := digits(v)
	switch {
	case whole == 0:
		return ""
	case whole == len(v) && whole <= 18 && (v[0] != '0' || whole == 1):
		return "int"
	case whole <= 15 && whole < len(v) && v[whole] == '.':
		if frac := digits(v[whole+1:]); frac > 0 && frac <= 15 && whole+1+frac == len(v) {
			return "float"
		}
	}
	return ""
}

// The tags of plain scalars, as yaml.v3 resolves them.
var (
	special = map[string]string{
		"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
		"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
		"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
		".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float",
		".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
		"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float",
		"-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
	}
	floatRE = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	// The layouts of timestamps yaml.v3 reads.
	timestampLayouts = []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	}
)

// resolve returns the tag of a plain scalar.
func resolve(v string) string {
	switch c := v[0]; {
	case c == '<':
		if v == "<<" {
			decline() // a merge key
		}
	case c == '.':
		if tag, ok := special[v]; ok {
			return tag
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "!!float"
		}
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		if tag, ok := special[v]; ok {
			return tag
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		if tag, ok := special[v]; ok {
			return tag
		}
		return resolveNumber(v)
	}
	return "!!str"
}

// resolveNumber resolves a plain scalar that starts with a digit or a
// sign: a date, an integer in any base, a float, else a string.
func resolveNumber(v string) string {
	// The common shapes first, which yaml.v3's rules below resolve the
	// same way, more slowly.
	switch numberShape(v) {
	case "int":
		return "!!int"
	case "float":
		return "!!float"
	case "date":
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			return "!!timestamp"
		}
		return "!!str"
	}
	if len(v) > 5 && v[4] == '-' && strings.Trim(v[:4], "0123456789") == "" && v[5] >= '0' && v[5] <= '9' {
		// A timestamp, if one of yaml.v3's layouts reads it. (They all
		// want a month number after the dash.)
		for _, layout := range timestampLayouts {
			if _, err := time.Parse(layout, v); err == nil {
				return "!!timestamp"
			}
		}
	}
	n := strings.ReplaceAll(v, "_", "")
	if _, err := strconv.ParseInt(n, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(n, 0, 64); err == nil {
		return "!!int"
	}
	if floatRE.MatchString(n) {
		if _, err := strconv.ParseFloat(n, 64); err == nil {
			return "!!float"
		}
	}
	for _, prefix := range []string{"0b", "-0b", "0o", "-0o"} {
		if strings.HasPrefix(n, prefix) {
			decline() // rare: leave it to yaml.v3
		}
	}
	return "!!str"
}
