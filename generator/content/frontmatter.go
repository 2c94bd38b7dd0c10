package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content/internal/fastyaml"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// A FrontMatter is a page's decoded front matter: a YAML mapping node whose
// line numbers have been shifted to lines of the source file, so every
// value can be reported where it was written. TOML front matter is
// converted to the same form.
type FrontMatter struct {
	// Map is the mapping node; it is empty, never nil, for a page
	// without front matter.
	Map *yaml.Node
}

// Get returns the value node of key, or nil.
func (fm FrontMatter) Get(key string) *yaml.Node {
	_, v := fm.Lookup(key)
	return v
}

// Lookup returns the key node and the value node of key, or nils.
func (fm FrontMatter) Lookup(key string) (k, v *yaml.Node) {
	if fm.Map == nil {
		return nil, nil
	}
	c := fm.Map.Content
	for i := 0; i+1 < len(c); i += 2 {
		if c[i].Value == key {
			return c[i], c[i+1]
		}
	}
	return nil, nil
}

// Line returns the line key is written on, or 0 when it is absent.
func (fm FrontMatter) Line(key string) int {
	if k, _ := fm.Lookup(key); k != nil {
		return k.Line
	}
	return 0
}

// Keys returns the key nodes in the order they were written.
func (fm FrontMatter) Keys() []*yaml.Node {
	if fm.Map == nil {
		return nil
	}
	keys := make([]*yaml.Node, 0, len(fm.Map.Content)/2)
	for i := 0; i+1 < len(fm.Map.Content); i += 2 {
		keys = append(keys, fm.Map.Content[i])
	}
	return keys
}

// Only returns the front matter of the given keys alone, in the order
// they were written, in nodes of its own: the nodes of the other keys,
// which parsing allocates together with the kept ones, are not kept alive
// by it. The values' text is shared with fm.
func (fm FrontMatter) Only(keys []string) FrontMatter {
	if fm.Map == nil {
		return fm
	}
	var kept []*yaml.Node
	nodes := 1
	c := fm.Map.Content
	for i := 0; i+1 < len(c); i += 2 {
		if slices.Contains(keys, c[i].Value) {
			kept = append(kept, c[i], c[i+1])
			nodes += countNodes(c[i]) + countNodes(c[i+1])
		}
	}
	cl := &cloner{nodes: make([]yaml.Node, 0, nodes)}
	return FrontMatter{Map: cl.cloneWith(fm.Map, kept)}
}

// countNodes counts n and the nodes below it.
func countNodes(n *yaml.Node) int {
	k := 1
	for _, c := range n.Content {
		k += countNodes(c)
	}
	return k
}

// A cloner copies trees of nodes into one slab, sized for them by its
// maker. An alias is copied to point at the copy of its anchor when that
// is copied too.
type cloner struct {
	nodes  []yaml.Node
	copies map[*yaml.Node]*yaml.Node // of anchored nodes
}

func (cl *cloner) clone(n *yaml.Node) *yaml.Node {
	return cl.cloneWith(n, n.Content)
}

// cloneWith copies n with content as its children.
func (cl *cloner) cloneWith(n *yaml.Node, content []*yaml.Node) *yaml.Node {
	cl.nodes = append(cl.nodes, *n)
	c := &cl.nodes[len(cl.nodes)-1]
	if n.Anchor != "" {
		if cl.copies == nil {
			cl.copies = map[*yaml.Node]*yaml.Node{}
		}
		cl.copies[n] = c
	}
	if c.Alias != nil {
		if a, ok := cl.copies[c.Alias]; ok {
			c.Alias = a
		}
	}
	c.Content = nil
	if len(content) > 0 {
		c.Content = make([]*yaml.Node, len(content))
		for i, k := range content {
			c.Content[i] = cl.clone(k)
		}
	}
	return c
}

// An Error is a problem at a line of a source file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Errorf returns an *Error at line.
func Errorf(line int, format string, args ...any) error {
	return &Error{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// SplitFrontMatter separates src into its front matter and its body. Front
// matter is recognised only at the first byte of the file: a line "---"
// (YAML) or "+++" (TOML). bodyLine is the line of src where the body
// starts. A front-matter block that is opened but never closed is an error:
// the file is not silently published with its keys as text.
func SplitFrontMatter(src []byte) (fm FrontMatter, body []byte, bodyLine int, err error) {
	fm = FrontMatter{Map: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
	delim := firstLine(src)
	if delim != "---" && delim != "+++" {
		return fm, src, 1, nil
	}
	data, bodyStart, ok := splitBlock(src, delim)
	if !ok {
		return fm, nil, 0, Errorf(1, "front matter opened with %s is never closed: add a line %s after the last key", delim, delim)
	}
	body = src[bodyStart:]
	bodyLine = 1 + bytes.Count(src[:bodyStart], []byte("\n"))

	// The block's first line is the line after the opening delimiter.
	const offset = 1
	var node *yaml.Node
	if delim == "---" {
		node, err = decodeYAML(data, offset)
	} else {
		node, err = decodeTOML(data, offset)
	}
	if err != nil {
		return fm, body, bodyLine, err
	}
	if node != nil {
		fm.Map = node
	}
	return fm, body, bodyLine, nil
}

// splitBlock finds the line closing the block opened by the first line of
// src: a line that is delim, blanks around it allowed. It returns the text
// between the two lines and the offset where the body starts.
func splitBlock(src []byte, delim string) (data []byte, bodyStart int, ok bool) {
	i := bytes.IndexByte(src, '\n')
	if i < 0 {
		return nil, 0, false
	}
	start := i + 1
	for pos := start; pos < len(src); {
		line, next := src[pos:], len(src)
		if j := bytes.IndexByte(line, '\n'); j >= 0 {
			line, next = line[:j], pos+j+1
		}
		if string(bytes.TrimSpace(line)) == delim {
			return src[start:pos], next, true
		}
		pos = next
	}
	return nil, 0, false
}

// firstLine returns the first line of src without its line ending and
// trailing blanks.
func firstLine(src []byte) string {
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	return string(bytes.TrimRight(line, " \t\r"))
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeYAML decodes a YAML mapping, shifting every line by offset.
func decodeYAML(data []byte, offset int) (*yaml.Node, error) {
	// Most front matter has a shape package fastyaml reads, to the same
	// tree as yaml.v3's; yaml.v3 reads the rest and explains errors.
	root, ok := fastyaml.Parse(data)
	if !ok {
		var err error
		if root, err = decodeYAMLSlowly(data, offset); root == nil {
			return nil, err
		}
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, Errorf(root.Line+offset, "front matter must be a map of keys (title: ...), not %s", describeNode(root))
	}
	shiftLines(root, offset)
	return root, nil
}

// decodeYAMLSlowly decodes data with yaml.v3 and returns its root node,
// nil if it is empty, or an error at the line of the problem.
func decodeYAMLSlowly(data []byte, offset int) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			// yaml.v3 counts lines from 0 in its parser's errors, which
			// all read "did not find expected ...", and from 1 in its
			// scanner's.
			if strings.HasPrefix(m[2], "did not find expected") {
				n++
			}
			return nil, Errorf(n+offset, "invalid YAML in front matter: %s", m[2])
		}
		return nil, Errorf(1+offset, "invalid YAML in front matter: %s", strings.TrimPrefix(msg, "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty front matter
	}
	return doc.Content[0], nil
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a nested document"
}

func shiftLines(n *yaml.Node, offset int) {
	n.Line += offset
	for _, c := range n.Content {
		shiftLines(c, offset)
	}
}

var tomlKeyRE = regexp.MustCompile(`^\s*(?:\[\[?\s*)?["']?([A-Za-z0-9_.-]+)["']?\s*(?:=|\]\]?)`)

// decodeTOML decodes a TOML document and converts it to a YAML mapping
// node. TOML has no position API for values, so each top-level key
// carries the line it is written on, and values nested under it carry
// that line too.
func decodeTOML(data []byte, offset int) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, Errorf(perr.Position.Line+offset, "invalid TOML in front matter: %s", perr.Message)
		}
		return nil, Errorf(1+offset, "invalid TOML in front matter: %v", err)
	}
	var root yaml.Node
	if err := root.Encode(m); err != nil {
		return nil, Errorf(1+offset, "converting TOML front matter: %v", err)
	}
	lines := map[string]int{}
	for i, l := range strings.Split(string(data), "\n") {
		if mm := tomlKeyRE.FindStringSubmatch(l); mm != nil {
			key := strings.SplitN(mm[1], ".", 2)[0]
			if _, ok := lines[key]; !ok {
				lines[key] = i + 1 + offset
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		line := lines[root.Content[i].Value]
		if line == 0 {
			line = 1 + offset
		}
		setLines(root.Content[i], line)
		setLines(root.Content[i+1], line)
	}
	root.Line = 1 + offset
	return &root, nil
}

func setLines(n *yaml.Node, line int) {
	n.Line = line
	for _, c := range n.Content {
		setLines(c, line)
	}
}
