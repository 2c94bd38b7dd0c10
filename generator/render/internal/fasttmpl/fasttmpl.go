// Package fasttmpl runs html/template layouts, after html/template has
// escaped them, with the same output and a fraction of the reflection:
// a field is found once per type, not on every access; the builtin
// functions and the escapers html/template inserts are called directly,
// not through reflect.Value.Call; nothing is allocated to print a string.
//
// It reads the parse trees html/template leaves behind once it has
// escaped a template, and covers the common part of the template
// language: text, actions, if, with, range over slices and arrays,
// template calls, variables, fields, methods without arguments, map keys
// (with missingkey=zero), the functions the caller passes, the builtins
// and, or, not, len, index, slice, eq, ne, lt, le, gt, ge, print, printf
// and println, and the escapers of HTML text, attribute values and URLs.
// Compile declines a template that uses anything else, and Execute
// declines, leaving its buffer as it was, on any value it does not
// handle and on any error; the caller then runs html/template, which
// gives the same output, or the error with its message. So for any
// template and data it runs, the output is html/template's, byte for
// byte (a property the package's tests check against html/template).
package fasttmpl

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// A Program is a compiled template and the templates it calls.
type Program struct {
	root *list
}

// A Writer writes what the function of its name returns for arg, typed
// HTML, straight into the output: for a function whose markup is a large
// part of a page. It reports false, having written nothing, when arg is
// not a value the function takes.
type Writer func(w *bytes.Buffer, arg any) bool

// Compile compiles the template name of set, which html/template must
// already have escaped (by executing it once). funcs are the functions
// the set was given; writers, optionally, write what some of them return
// (see Writer), used where an action prints a call of one of them, with
// one argument, in HTML text. It returns an error naming what it does not
// handle.
func Compile(set *template.Template, name string, funcs template.FuncMap, writers map[string]Writer) (*Program, error) {
	c := &compiler{set: set, funcs: funcs, writers: writers, done: map[string]*list{}}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

// Execute runs p with data as its dot, appending the output to buf. It
// reports false, with buf as it was, when it met something it does not
// handle or an error.
func (p *Program) Execute(buf *bytes.Buffer, data any) (ok bool) {
	start := buf.Len()
	defer func() {
		if r := recover(); r != nil {
			buf.Truncate(start)
			ok = false
		}
	}()
	dot := reflect.ValueOf(data)
	s := &state{buf: buf, vars: make([]variable, 1, 8)}
	s.vars[0] = variable{"$", dot}
	s.walk(dot, p.root)
	return true
}

// errDecline is panicked with to leave an execution, from any depth.
var errDecline = errors.New("fasttmpl: declined")

func decline() { panic(errDecline) }

// The compiled template: nodes of a list, each one of the following.
type (
	list struct {
		nodes []any
	}
	text struct {
		b []byte
	}
	// An action prints its pipeline's value unless it declares
	// variables. The escapers html/template ends it with are split
	// off: they are applied to the value of head, the last straight
	// into the output.
	action struct {
		pipe *pipe
		head *pipe
		esc  []fnKind
		// write is the Writer of the function the action calls with
		// arg and prints, when it has one.
		write Writer
		arg   *operand
	}
	branch struct {
		with        bool
		pipe        *pipe
		list, else_ *list
	}
	rangeNode struct {
		pipe        *pipe
		list, else_ *list
	}
	call struct {
		name string
		pipe *pipe // nil: no argument
		tmpl *list // set once the compiler has compiled it
	}
)

// A pipe is a pipeline: commands, each given the previous one's value as
// its last argument, and the variables it declares or assigns.
type pipe struct {
	decl   []string
	assign bool
	cmds   []*command
}

// A command is an operand, or a function and its arguments.
type command struct {
	fn   *function // nil: args[0] is the operand
	args []*operand
}

// An operand is a value of a command.
type operand struct {
	kind  operandKind
	names []string     // fields; for a variable, its name first
	steps []*fieldStep // the fields
	inner *operand     // of a chain: (inner).A.B
	pipe  *pipe        // parenthesized pipeline
	fn    *function    // function called without arguments
	// A constant: its value as an empty interface argument would have,
	// and the node, for typed arguments.
	val  reflect.Value
	node parse.Node
}

type operandKind int

const (
	opDot operandKind = iota
	opField
	opVariable
	opPipe
	opFunc
	opChain
	opConst
	opNil
)

// A fieldStep looks up one field, method or map key, and remembers where
// it found it for the last type it saw.
type fieldStep struct {
	name  string
	cache atomic.Pointer[fieldCache]
}

type fieldCache struct {
	typ    reflect.Type // of the receiver's pointer, see evalField
	method int          // index of the method, or -1
	index  []int        // of the struct field
}

// A function is a builtin, an escaper or one of the caller's functions.
type function struct {
	name string
	kind fnKind
	fn   reflect.Value // fnUser
	// direct is fn, when it has one of the signatures called without
	// reflection (see callDirect).
	direct any
}

type fnKind int

func (k fnKind) escaper() bool { return k >= fnHTMLEscaper }

const (
	fnUser fnKind = iota
	fnAnd
	fnOr
	fnNot
	fnLen
	fnIndex
	fnSlice
	fnEq
	fnNe
	fnLt
	fnLe
	fnGt
	fnGe
	fnPrint
	fnPrintf
	fnPrintln
	fnHTMLEscaper
	fnAttrEscaper
	fnURLFilter
	fnURLNormalizer
	fnURLEscaper
	fnRCDATAEscaper
)

var builtins = map[string]fnKind{
	"and": fnAnd, "or": fnOr, "not": fnNot, "len": fnLen, "index": fnIndex, "slice": fnSlice,
	"eq": fnEq, "ne": fnNe, "lt": fnLt, "le": fnLe, "gt": fnGt, "ge": fnGe,
	"print": fnPrint, "printf": fnPrintf, "println": fnPrintln,
	"_html_template_htmlescaper":   fnHTMLEscaper,
	"_html_template_attrescaper":   fnAttrEscaper,
	"_html_template_urlfilter":     fnURLFilter,
	"_html_template_urlnormalizer": fnURLNormalizer,
	"_html_template_urlescaper":    fnURLEscaper,
	"_html_template_rcdataescaper": fnRCDATAEscaper,
}

type compiler struct {
	set     *template.Template
	funcs   template.FuncMap
	writers map[string]Writer
	tree    *parse.Tree // of the template being compiled, for errors
	done    map[string]*list
	calls   []*call
	// title is set while compiling a template called in <title>.
	title bool
}

// titleSuffix ends the name html/template gives the copy of a template
// it escapes for the text of a <title> element (RCDATA). The copy is not
// in the set; the compiler escapes the original the same way instead:
// each printed value with the RCDATA escaper, text as it is.
const titleSuffix = "$htmltemplate_stateRCDATA_elementTitle"

func (c *compiler) template(name string) (*list, error) {
	if l, ok := c.done[name]; ok {
		return l, nil
	}
	orig, title := strings.CutSuffix(name, titleSuffix)
	t := c.set.Lookup(orig)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("no template %q", name)
	}
	l := &list{}
	c.done[name] = l // before its body: templates may call themselves
	c.title = title
	c.tree = t.Tree
	body, err := c.list(t.Tree.Root)
	c.title, c.tree = false, nil
	if err != nil {
		return nil, err
	}
	*l = *body
	for len(c.calls) > 0 {
		k := c.calls[len(c.calls)-1]
		c.calls = c.calls[:len(c.calls)-1]
		if k.tmpl, err = c.template(k.name); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (c *compiler) list(n *parse.ListNode) (*list, error) {
	if n == nil {
		return nil, nil
	}
	l := &list{}
	for _, n := range n.Nodes {
		var x any
		var err error
		switch n := n.(type) {
		case *parse.TextNode:
			if c.title && bytes.ContainsAny(n.Text, "<") {
				err = errors.New("markup in <title>: not handled")
			}
			x = &text{b: n.Text}
		case *parse.CommentNode:
			continue
		case *parse.ActionNode:
			var p *pipe
			p, err = c.pipe(n.Pipe)
			if err == nil && c.title && len(p.decl) == 0 {
				p.cmds = append(p.cmds, &command{fn: &function{name: "rcdata", kind: fnRCDATAEscaper}})
			}
			if err == nil {
				x = c.action(p)
			}
		case *parse.IfNode:
			x, err = c.branch(false, &n.BranchNode)
		case *parse.WithNode:
			x, err = c.branch(true, &n.BranchNode)
		case *parse.RangeNode:
			r := &rangeNode{}
			if r.pipe, err = c.pipe(n.Pipe); err == nil {
				if r.list, err = c.list(n.List); err == nil {
					r.else_, err = c.list(n.ElseList)
				}
			}
			x = r
		case *parse.TemplateNode:
			if c.title {
				err = fmt.Errorf("%s: a template called in <title>: not handled", n)
				break
			}
			k := &call{name: n.Name}
			if n.Pipe != nil {
				k.pipe, err = c.pipe(n.Pipe)
			}
			c.calls = append(c.calls, k)
			x = k
		default:
			err = fmt.Errorf("%s: not handled", n)
		}
		if err != nil {
			return nil, c.located(n, err)
		}
		l.nodes = append(l.nodes, x)
	}
	return l, nil
}

func (c *compiler) branch(with bool, n *parse.BranchNode) (*branch, error) {
	b := &branch{with: with}
	var err error
	if b.pipe, err = c.pipe(n.Pipe); err != nil {
		return nil, err
	}
	if b.list, err = c.list(n.List); err != nil {
		return nil, err
	}
	b.else_, err = c.list(n.ElseList)
	return b, err
}

func (c *compiler) pipe(n *parse.PipeNode) (*pipe, error) {
	p := &pipe{assign: n.IsAssign}
	for _, v := range n.Decl {
		if len(v.Ident) != 1 {
			return nil, fmt.Errorf("%s: not handled", v)
		}
		p.decl = append(p.decl, v.Ident[0])
	}
	for _, cmd := range n.Cmds {
		k := &command{}
		args := cmd.Args
		if id, ok := args[0].(*parse.IdentifierNode); ok {
			fn, err := c.function(id.Ident)
			if err != nil {
				return nil, err
			}
			k.fn = fn
			args = args[1:]
		}
		for _, a := range args {
			o, err := c.operand(a)
			if err != nil {
				return nil, err
			}
			k.args = append(k.args, o)
		}
		if k.fn == nil && len(k.args) != 1 {
			return nil, fmt.Errorf("%s: arguments to a field or method are not handled", cmd)
		}
		p.cmds = append(p.cmds, k)
	}
	return p, nil
}

func (c *compiler) function(name string) (*function, error) {
	if fn, ok := c.funcs[name]; ok {
		v := reflect.ValueOf(fn)
		t := v.Type()
		if v.Kind() != reflect.Func || t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errorType || t.Out(0) == reflectValueType {
			return nil, fmt.Errorf("function %s: not handled", name)
		}
		f := &function{name: name, kind: fnUser, fn: v}
		switch fn.(type) {
		case func(string) string, func(string) (string, error), func(time.Time) string:
			f.direct = fn
		}
		return f, nil
	}
	if k, ok := builtins[name]; ok && !(c.title && strings.HasPrefix(name, "_html_template_")) {
		return &function{name: name, kind: k}, nil
	}
	if strings.HasPrefix(name, "_html_template_") {
		// An escaper html/template inserted: the message says where
		// the value is.
		where := escaperPlaces[name]
		if where == "" {
			where = "a value in this place"
		}
		return nil, fmt.Errorf("%s: not handled", where)
	}
	return nil, fmt.Errorf("function %s: not handled", name)
}

// escaperPlaces says where a value is printed, for the escapers of
// html/template that the package does not run.
var escaperPlaces = map[string]string{
	"_html_template_jsvalescaper":     "a value in JavaScript",
	"_html_template_jsstrescaper":     "a value in a JavaScript string",
	"_html_template_jstmpllitescaper": "a value in a JavaScript template literal",
	"_html_template_jsregexpescaper":  "a value in a JavaScript regular expression",
	"_html_template_cssescaper":       "a value in CSS",
	"_html_template_cssvaluefilter":   "a value in CSS",
	"_html_template_nospaceescaper":   "a value in an unquoted attribute",
	"_html_template_htmlnamefilter":   "a value as the name of an attribute",
	"_html_template_srcsetescaper":    "a value in srcset",
	"_html_template_commentescaper":   "a value in an HTML comment",
	"_html_template_rcdataescaper":    "a value in <textarea> or <title>",
}

func (c *compiler) operand(n parse.Node) (*operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return &operand{kind: opDot}, nil
	case *parse.NilNode:
		return &operand{kind: opNil}, nil
	case *parse.FieldNode:
		return &operand{kind: opField, names: n.Ident, steps: steps(n.Ident)}, nil
	case *parse.VariableNode:
		return &operand{kind: opVariable, names: n.Ident, steps: steps(n.Ident[1:])}, nil
	case *parse.PipeNode:
		p, err := c.pipe(n)
		return &operand{kind: opPipe, pipe: p}, err
	case *parse.IdentifierNode:
		fn, err := c.function(n.Ident)
		return &operand{kind: opFunc, fn: fn}, err
	case *parse.ChainNode:
		switch n.Node.(type) {
		case *parse.PipeNode, *parse.FieldNode, *parse.VariableNode:
			inner, err := c.operand(n.Node)
			return &operand{kind: opChain, inner: inner, steps: steps(n.Field)}, err
		}
	case *parse.BoolNode:
		return &operand{kind: opConst, val: reflect.ValueOf(n.True), node: n}, nil
	case *parse.StringNode:
		return &operand{kind: opConst, val: reflect.ValueOf(n.Text), node: n}, nil
	case *parse.NumberNode:
		// As text/template types a number given to an empty interface.
		switch {
		case n.IsComplex:
		case n.IsFloat && strings.ContainsAny(n.Text, ".eEpP") && !strings.HasPrefix(n.Text, "0x") && !strings.HasPrefix(n.Text, "0X") && !strings.HasPrefix(n.Text, "'"):
			return &operand{kind: opConst, val: reflect.ValueOf(n.Float64), node: n}, nil
		case n.IsInt && int64(int(n.Int64)) == n.Int64:
			return &operand{kind: opConst, val: reflect.ValueOf(int(n.Int64)), node: n}, nil
		}
	}
	return nil, fmt.Errorf("%s: not handled", n)
}

func steps(names []string) []*fieldStep {
	s := make([]*fieldStep, len(names))
	for i, n := range names {
		s[i] = &fieldStep{name: n}
	}
	return s
}

var errorType = reflect.TypeFor[error]()

// action compiles an action of pipeline p, splitting off the escapers
// that end it when it prints, and calling the Writer of the function it
// prints when it can.
func (c *compiler) action(p *pipe) *action {
	a := &action{pipe: p}
	if len(p.decl) > 0 {
		return a
	}
	n := len(p.cmds)
	for n > 1 && p.cmds[n-1].fn != nil && p.cmds[n-1].fn.kind.escaper() && len(p.cmds[n-1].args) == 0 {
		n--
	}
	if n == len(p.cmds) {
		return a
	}
	a.head = &pipe{cmds: p.cmds[:n]}
	for _, cmd := range p.cmds[n:] {
		a.esc = append(a.esc, cmd.fn.kind)
	}
	if cmd := a.head.cmds[0]; n == 1 && len(a.esc) == 1 && a.esc[0] == fnHTMLEscaper &&
		cmd.fn != nil && cmd.fn.kind == fnUser && len(cmd.args) == 1 && c.writers[cmd.fn.name] != nil {
		a.write, a.arg = c.writers[cmd.fn.name], cmd.args[0]
	}
	return a
}

// A locatedError is what Compile does not handle, and where it is in the
// template's file: "partials/sidebar.html:5:3: {{break}}: not handled".
type locatedError struct {
	at  string
	err error
}

func (e *locatedError) Error() string { return e.at + ": " + e.err.Error() }
func (e *locatedError) Unwrap() error { return e.err }

// located adds where n is to err, unless a list inside n did already.
func (c *compiler) located(n parse.Node, err error) error {
	var le *locatedError
	if errors.As(err, &le) || c.tree == nil {
		return err
	}
	at, _ := c.tree.ErrorContext(n)
	return &locatedError{at, err}
}
