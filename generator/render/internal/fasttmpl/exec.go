package fasttmpl

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
	"time"
)

type variable struct {
	name string
	val  reflect.Value
}

// state is one execution: the output and the variables in scope.
type state struct {
	buf   *bytes.Buffer
	vars  []variable
	depth int
}

// maxDepth bounds template calls, as text/template does (its limit is
// higher; a deeper template is left to it).
const maxDepth = 1000

func (s *state) walk(dot reflect.Value, l *list) {
	for _, n := range l.nodes {
		switch n := n.(type) {
		case *text:
			s.buf.Write(n.b)
		case *action:
			if n.write != nil {
				v := s.arg(dot, n.arg)
				if !v.IsValid() || !v.CanInterface() || !n.write(s.buf, v.Interface()) {
					decline()
				}
				continue
			}
			if n.esc != nil {
				s.printEscaped(s.pipe(dot, n.head), n.esc)
				continue
			}
			v := s.pipe(dot, n.pipe)
			if len(n.pipe.decl) == 0 {
				s.print(v)
			}
		case *branch:
			s.branch(dot, n)
		case *rangeNode:
			s.rangeOver(dot, n)
		case *call:
			s.call(dot, n)
		}
	}
}

// print writes the value of an action. html/template ends every action
// that prints with an escaper, which gives a string.
func (s *state) print(v reflect.Value) {
	if v.Kind() != reflect.String || v.Type() != stringType {
		decline()
	}
	s.buf.WriteString(v.String())
}

// printEscaped writes v through escapers, the last one writing straight
// into the output: no string is made for what it prints.
func (s *state) printEscaped(v reflect.Value, escapers []fnKind) {
	str, safe := escapeInput(escapers[0], v)
	if safe {
		if len(escapers) == 1 {
			s.buf.WriteString(str)
			return
		}
		escapers = escapers[1:]
	}
	last := len(escapers) - 1
	for _, k := range escapers[:last] {
		str = escapeString(k, str)
	}
	switch k := escapers[last]; k {
	case fnURLFilter:
		s.buf.WriteString(filterURL(str))
	case fnURLNormalizer, fnURLEscaper:
		writeURL(s.buf, str, k == fnURLNormalizer)
	default:
		writeHTML(s.buf, str)
	}
}

func (s *state) branch(dot reflect.Value, b *branch) {
	mark := len(s.vars)
	v := s.pipe(dot, b.pipe)
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		decline()
	}
	switch {
	case truth && b.with:
		s.walk(v, b.list)
	case truth:
		s.walk(dot, b.list)
	case b.else_ != nil:
		s.walk(dot, b.else_)
	}
	s.vars = s.vars[:mark]
}

func (s *state) rangeOver(dot reflect.Value, r *rangeNode) {
	mark := len(s.vars)
	val, _ := indirect(s.pipe(dot, r.pipe))
	body := len(s.vars)
	decl := len(r.pipe.decl)
	switch val.Kind() {
	case reflect.Slice, reflect.Array:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			elem := val.Index(i)
			if decl > 0 {
				if r.pipe.assign {
					if decl > 1 {
						s.setVar(r.pipe.decl[0], reflect.ValueOf(i))
						s.setVar(r.pipe.decl[1], elem)
					} else {
						s.setVar(r.pipe.decl[0], elem)
					}
				} else {
					s.vars[len(s.vars)-1].val = elem
					if decl > 1 {
						s.vars[len(s.vars)-2].val = reflect.ValueOf(i)
					}
				}
			}
			s.walk(elem, r.list)
			s.vars = s.vars[:body]
		}
		s.vars = s.vars[:mark]
		return
	case reflect.Map:
		if val.Len() != 0 {
			decline()
		}
	case reflect.Invalid:
	default:
		decline()
	}
	if r.else_ != nil {
		s.walk(dot, r.else_)
	}
	s.vars = s.vars[:mark]
}

func (s *state) call(dot reflect.Value, k *call) {
	if s.depth >= maxDepth || k.tmpl == nil {
		decline()
	}
	var v reflect.Value
	if k.pipe != nil {
		v = s.pipe(dot, k.pipe)
	}
	inner := &state{buf: s.buf, vars: []variable{{"$", v}}, depth: s.depth + 1}
	inner.walk(v, k.tmpl)
}

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].val = v
			return
		}
	}
	decline()
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].val
		}
	}
	decline()
	return reflect.Value{}
}

// missing is a command's last argument when it has none from the
// pipeline.
var missing = reflect.Value{}

func (s *state) pipe(dot reflect.Value, p *pipe) reflect.Value {
	var v reflect.Value
	has := false
	for _, cmd := range p.cmds {
		v = s.command(dot, cmd, v, has)
		has = true
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	for _, name := range p.decl {
		if p.assign {
			s.setVar(name, v)
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v
}

func (s *state) command(dot reflect.Value, cmd *command, final reflect.Value, hasFinal bool) reflect.Value {
	if cmd.fn != nil {
		return s.callFunc(dot, cmd.fn, cmd.args, final, hasFinal)
	}
	o := cmd.args[0]
	switch o.kind {
	case opField, opVariable, opChain:
		return s.fields(dot, o, hasFinal)
	case opPipe:
		if hasFinal {
			decline()
		}
		return s.pipe(dot, o.pipe)
	case opFunc:
		return s.callFunc(dot, o.fn, nil, final, hasFinal)
	}
	// A constant, dot or nil given an argument is an error; nil alone is
	// one too.
	if hasFinal || o.kind == opNil {
		decline()
	}
	if o.kind == opDot {
		return dot
	}
	return o.val
}

// fields evaluates a field chain: .A.B, $x.A.B or (pipeline).A.B.
func (s *state) fields(dot reflect.Value, o *operand, hasFinal bool) reflect.Value {
	v := dot
	if o.kind == opChain {
		v = s.arg(dot, o.inner)
	}
	if o.kind == opVariable {
		v = s.varValue(o.names[0])
		if len(o.steps) == 0 {
			if hasFinal {
				decline()
			}
			return v
		}
	}
	for i, st := range o.steps {
		v = s.field(v, st, hasFinal && i == len(o.steps)-1)
	}
	return v
}

// field evaluates one step of a chain as text/template does: a method of
// the receiver (or of a pointer to it), else a struct field, else a map
// key; a missing key gives the zero value (missingkey=zero).
func (s *state) field(recv reflect.Value, st *fieldStep, hasArgs bool) reflect.Value {
	if !recv.IsValid() {
		return reflect.Value{}
	}
	recv, isNil := indirect(recv)
	if isNil {
		decline()
	}
	ptr := recv
	if ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	typ := ptr.Type()
	c := st.cache.Load()
	if c == nil || c.typ != typ {
		c = lookupField(typ, recv, st.name)
		st.cache.Store(c)
	}
	switch {
	case c.method >= 0:
		if hasArgs {
			decline()
		}
		m := ptr.Method(c.method)
		if m.Type().NumIn() != 0 {
			decline()
		}
		out := m.Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			decline()
		}
		return out[0]
	case c.index != nil:
		if hasArgs {
			decline()
		}
		f, err := recv.FieldByIndexErr(c.index)
		if err != nil {
			decline()
		}
		return f
	}
	// A map.
	if hasArgs {
		decline()
	}
	v := recv.MapIndex(reflect.ValueOf(st.name))
	if !v.IsValid() {
		v = reflect.Zero(recv.Type().Elem())
	}
	return v
}

func lookupField(typ reflect.Type, recv reflect.Value, name string) *fieldCache {
	c := &fieldCache{typ: typ, method: -1}
	if m, ok := typ.MethodByName(name); ok {
		mt := m.Type // with the receiver
		if mt.NumOut() == 0 || mt.NumOut() > 2 || mt.NumOut() == 2 && mt.Out(1) != errorType {
			decline()
		}
		c.method = m.Index
		return c
	}
	switch recv.Kind() {
	case reflect.Struct:
		f, ok := recv.Type().FieldByName(name)
		if !ok || !f.IsExported() {
			decline()
		}
		c.index = f.Index
		return c
	case reflect.Map:
		if !stringType.AssignableTo(recv.Type().Key()) {
			decline()
		}
		return c
	}
	decline()
	return nil
}

func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth: not the zero value of its type.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// arg evaluates an argument as a builtin receives it: the value itself.
func (s *state) arg(dot reflect.Value, o *operand) reflect.Value {
	switch o.kind {
	case opDot:
		return dot
	case opField, opVariable, opChain:
		return s.fields(dot, o, false)
	case opPipe:
		return s.pipe(dot, o.pipe)
	case opFunc:
		return s.callFunc(dot, o.fn, nil, missing, false)
	case opConst:
		return o.val
	}
	decline() // nil
	return reflect.Value{}
}

// args appends to vs the arguments of a builtin, the pipeline's value
// last.
func (s *state) args(vs []reflect.Value, dot reflect.Value, ops []*operand, final reflect.Value, hasFinal bool) []reflect.Value {
	for _, o := range ops {
		vs = append(vs, s.arg(dot, o))
	}
	if hasFinal {
		vs = append(vs, final)
	}
	return vs
}

func (s *state) callFunc(dot reflect.Value, fn *function, ops []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	switch fn.kind {
	case fnUser:
		return s.callUser(dot, fn, ops, final, hasFinal)
	case fnAnd, fnOr:
		if len(ops) == 0 && !hasFinal {
			decline()
		}
		var v reflect.Value
		for _, o := range ops {
			v = s.arg(dot, o)
			if truth(v) == (fn.kind == fnOr) {
				return v
			}
		}
		if hasFinal {
			v = final
		}
		return v
	}
	var small [4]reflect.Value
	args := s.args(small[:0], dot, ops, final, hasFinal)
	switch fn.kind {
	case fnNot:
		if len(args) != 1 {
			decline()
		}
		return reflect.ValueOf(!truth(args[0]))
	case fnLen:
		if len(args) != 1 {
			decline()
		}
		v, isNil := indirect(args[0])
		if isNil {
			decline()
		}
		switch v.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(v.Len())
		}
	case fnIndex:
		return index(args)
	case fnSlice:
		return slice(args)
	case fnEq, fnNe:
		if len(args) < 2 {
			decline()
		}
		eq := false
		for _, a := range args[1:] {
			if equal(args[0], a) {
				eq = true
				break
			}
		}
		if fn.kind == fnNe {
			if len(args) != 2 {
				decline()
			}
			return reflect.ValueOf(!eq)
		}
		return reflect.ValueOf(eq)
	case fnLt, fnLe, fnGt, fnGe:
		if len(args) != 2 {
			decline()
		}
		lt := less(args[0], args[1])
		var r bool
		switch fn.kind {
		case fnLt:
			r = lt
		case fnLe:
			r = lt || equal(args[0], args[1])
		case fnGt:
			r = !lt && !equal(args[0], args[1])
		case fnGe:
			r = !lt
		}
		return reflect.ValueOf(r)
	case fnPrint, fnPrintln:
		a := interfaces(args)
		if fn.kind == fnPrint {
			return reflect.ValueOf(fmt.Sprint(a...))
		}
		return reflect.ValueOf(fmt.Sprintln(a...))
	case fnPrintf:
		if len(args) == 0 || args[0].Type() != stringType {
			decline()
		}
		return reflect.ValueOf(fmt.Sprintf(args[0].String(), interfaces(args[1:])...))
	case fnHTMLEscaper, fnAttrEscaper, fnURLFilter, fnURLNormalizer, fnURLEscaper, fnRCDATAEscaper:
		if len(args) != 1 {
			decline()
		}
		return reflect.ValueOf(escape(fn.kind, args[0]))
	}
	decline()
	return reflect.Value{}
}

// interfaces are values as a function with ...any parameters gets them.
func interfaces(vs []reflect.Value) []any {
	a := make([]any, len(vs))
	for i, v := range vs {
		if v.IsValid() {
			a[i] = v.Interface()
		}
	}
	return a
}

// callUser calls one of the caller's functions with reflection, its
// arguments typed as text/template types them.
func (s *state) callUser(dot reflect.Value, fn *function, ops []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	typ := fn.fn.Type()
	numIn := len(ops)
	if hasFinal {
		numIn++
	}
	fixed := typ.NumIn()
	if typ.IsVariadic() {
		fixed--
		if numIn < fixed {
			decline()
		}
	} else if numIn != fixed {
		decline()
	}
	paramType := func(i int) reflect.Type {
		if i < fixed {
			return typ.In(i)
		}
		return typ.In(fixed).Elem()
	}
	if fn.direct != nil {
		var v reflect.Value
		if hasFinal {
			v = validate(final, typ.In(0))
		} else {
			v = s.typedArg(dot, typ.In(0), ops[0])
		}
		return callDirect(fn.direct, v)
	}
	argv := make([]reflect.Value, numIn)
	for i, o := range ops {
		argv[i] = s.typedArg(dot, paramType(i), o)
	}
	if hasFinal {
		argv[numIn-1] = validate(final, paramType(numIn-1))
	}
	out := fn.fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		decline()
	}
	return out[0]
}

// callDirect calls f, a function of one argument whose signature
// function.direct lists, with v, without reflect.Value.Call.
func callDirect(f any, v reflect.Value) reflect.Value {
	switch f := f.(type) {
	case func(string) string:
		return reflect.ValueOf(f(v.String()))
	case func(string) (string, error):
		r, err := f(v.String())
		if err != nil {
			decline()
		}
		return reflect.ValueOf(r)
	case func(time.Time) string:
		t, ok := reflect.TypeAssert[time.Time](v)
		if !ok {
			decline()
		}
		return reflect.ValueOf(f(t))
	}
	decline()
	return reflect.Value{}
}

// typedArg evaluates an argument for a parameter of type typ.
func (s *state) typedArg(dot reflect.Value, typ reflect.Type, o *operand) reflect.Value {
	switch o.kind {
	case opNil:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		decline()
	case opConst:
		if typ.Kind() == reflect.Interface && typ.NumMethod() == 0 {
			return o.val
		}
		switch n := o.node.(type) {
		case *parse.StringNode:
			if typ.Kind() == reflect.String {
				v := reflect.New(typ).Elem()
				v.SetString(n.Text)
				return v
			}
		case *parse.BoolNode:
			if typ.Kind() == reflect.Bool {
				v := reflect.New(typ).Elem()
				v.SetBool(n.True)
				return v
			}
		case *parse.NumberNode:
			switch typ.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				if n.IsInt {
					v := reflect.New(typ).Elem()
					v.SetInt(n.Int64)
					return v
				}
			case reflect.Float32, reflect.Float64:
				if n.IsFloat {
					v := reflect.New(typ).Elem()
					v.SetFloat(n.Float64)
					return v
				}
			}
		}
		decline()
	}
	return validate(s.arg(dot, o), typ)
}

// validate converts v for a parameter of type typ as text/template does,
// declining where it would report an error.
func validate(v reflect.Value, typ reflect.Type) reflect.Value {
	if !v.IsValid() {
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		decline()
	}
	if v.Type().AssignableTo(typ) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(typ) {
		return v.Elem()
	}
	decline()
	return v
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

var (
	stringType       = reflect.TypeFor[string]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

// A kind class, as text/template compares values.
type class int

const (
	noClass class = iota
	boolClass
	intClass
	uintClass
	floatClass
	stringClass
)

func classOf(v reflect.Value) class {
	switch v.Kind() {
	case reflect.Bool:
		return boolClass
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intClass
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintClass
	case reflect.Float32, reflect.Float64:
		return floatClass
	case reflect.String:
		return stringClass
	}
	return noClass
}

// equal is eq of two values of one class; anything else is declined.
func equal(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	c := classOf(a)
	if c == noClass || c != classOf(b) {
		decline()
	}
	switch c {
	case boolClass:
		return a.Bool() == b.Bool()
	case intClass:
		return a.Int() == b.Int()
	case uintClass:
		return a.Uint() == b.Uint()
	case floatClass:
		return a.Float() == b.Float()
	}
	return a.String() == b.String()
}

// less is lt of two values of one ordered class; anything else is
// declined.
func less(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	c := classOf(a)
	if c == noClass || c == boolClass || c != classOf(b) {
		decline()
	}
	switch c {
	case intClass:
		return a.Int() < b.Int()
	case uintClass:
		return a.Uint() < b.Uint()
	case floatClass:
		return a.Float() < b.Float()
	}
	return a.String() < b.String()
}

// intArg is an index given to index or slice: an int within 0..cap.
func intArg(v reflect.Value, cap int) int {
	v = indirectInterface(v)
	var x int64
	switch classOf(v) {
	case intClass:
		x = v.Int()
	case uintClass:
		if v.Uint() > uint64(cap) {
			decline()
		}
		x = int64(v.Uint())
	default:
		decline()
	}
	if x < 0 || x > int64(cap) {
		decline()
	}
	return int(x)
}

func index(args []reflect.Value) reflect.Value {
	if len(args) == 0 {
		decline()
	}
	item := indirectInterface(args[0])
	if !item.IsValid() {
		decline()
	}
	for _, i := range args[1:] {
		var isNil bool
		if item, isNil = indirect(item); isNil {
			decline()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			x := intArg(i, item.Len())
			if x == item.Len() {
				decline()
			}
			item = item.Index(x)
		case reflect.Map:
			k := indirectInterface(i)
			if !k.IsValid() || !k.Type().AssignableTo(item.Type().Key()) {
				decline()
			}
			if v := item.MapIndex(k); v.IsValid() {
				item = v
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			decline()
		}
	}
	return item
}

func slice(args []reflect.Value) reflect.Value {
	if len(args) == 0 || len(args) > 3 {
		decline()
	}
	item := indirectInterface(args[0])
	var cap int
	switch item.Kind() {
	case reflect.String:
		cap = item.Len()
	case reflect.Array, reflect.Slice:
		cap = item.Cap()
	default:
		decline()
	}
	idx := [2]int{0, item.Len()}
	for i, a := range args[1:] {
		idx[i] = intArg(a, cap)
	}
	if idx[0] > idx[1] {
		decline()
	}
	return item.Slice(idx[0], idx[1])
}

// escape is the html/template escaper kind given v, for the values the
// package handles: strings, HTML for HTML text, and values that print
// the same whatever the context (numbers, Stringers, ...).
func escape(kind fnKind, v reflect.Value) string {
	s, safe := escapeInput(kind, v)
	if safe {
		return s
	}
	return escapeString(kind, s)
}

// escapeInput returns the text an escaper escapes: v printed as
// html/template prints it. It reports typed HTML given to the HTML
// escaper, which passes it on as it is, as safe.
func escapeInput(kind fnKind, v reflect.Value) (s string, safe bool) {
	if v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch {
	case !v.IsValid():
		return "", false // html/template skips an untyped nil
	case v.Type() == stringType:
		return v.String(), false
	case v.Type() == htmlType:
		if kind != fnHTMLEscaper {
			decline()
		}
		return v.String(), true
	}
	return stringify(v), false
}

// escapeString escapes s as the escaper kind does.
func escapeString(kind fnKind, s string) string {
	switch kind {
	case fnHTMLEscaper, fnAttrEscaper, fnRCDATAEscaper:
		return escapeHTML(s)
	case fnURLFilter:
		return filterURL(s)
	case fnURLNormalizer:
		return escapeURL(s, true)
	}
	return escapeURL(s, false)
}

var htmlType = reflect.TypeFor[template.HTML]()

// stringify prints a value that is not a string as html/template does,
// declining the typed content of package html/template and pointers,
// which it treats apart.
func stringify(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if t := v.Type(); t.Implements(stringerType) || t.Implements(errorType) || t.Implements(formatterType) {
			break
		}
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Pointer, reflect.Interface:
		decline()
	}
	if v.Type().PkgPath() == htmlType.PkgPath() {
		decline()
	}
	return fmt.Sprint(v.Interface())
}

var (
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	formatterType = reflect.TypeFor[fmt.Formatter]()
)

// A TextWriter is where escapers write: the output, or a string being
// built. Writers (see Writer) write with WriteHTML, WriteURLAttr and
// WriteURLPart to escape as layouts do.
type TextWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// htmlSpecial are the bytes escaped in HTML text and attribute values.
const htmlSpecial = "\x00\"&'+<>"

// escapeHTML escapes s for HTML text and quoted attribute values.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, htmlSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	writeHTML(&b, s)
	return b.String()
}

// writeHTML writes s escaped for HTML text and quoted attribute values.
func writeHTML[W TextWriter](w W, s string) {
	for {
		i := strings.IndexAny(s, htmlSpecial)
		if i < 0 {
			w.WriteString(s)
			return
		}
		w.WriteString(s[:i])
		switch s[i] {
		case 0:
			w.WriteString("\uFFFD")
		case '"':
			w.WriteString("&#34;")
		case '&':
			w.WriteString("&amp;")
		case '\'':
			w.WriteString("&#39;")
		case '+':
			w.WriteString("&#43;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// WriteHTML writes s escaped as html/template escapes text and quoted
// attribute values.
func WriteHTML[W TextWriter](w W, s string) { writeHTML(w, s) }

// WriteURLAttr writes s as html/template writes a URL that is a whole
// quoted attribute value, such as href="{{.}}": filtered (see filterURL),
// normalized (see escapeURL), then escaped for the attribute.
func WriteURLAttr[W TextWriter](w W, s string) {
	s = filterURL(s)
	written := 0
	for i := range len(s) {
		c := s[i]
		if c != '&' && c != '+' && urlKeeps(s, i, true) {
			continue
		}
		w.WriteString(s[written:i])
		switch c {
		case '&':
			w.WriteString("&amp;")
		case '+':
			w.WriteString("&#43;")
		default:
			w.WriteByte('%')
			w.WriteByte(lowerHex[c>>4])
			w.WriteByte(lowerHex[c&15])
		}
		written = i + 1
	}
	w.WriteString(s[written:])
}

// WriteURLPart writes s as html/template writes it inside a URL, such as
// href="#{{.}}": every byte but letters, digits and -._~ percent-encoded.
func WriteURLPart[W TextWriter](w W, s string) { writeURL(w, s, false) }

// filterURL is s, or "#ZgotmplZ" when its scheme is not one of http,
// https and mailto.
func filterURL(s string) string {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return s
	}
	if strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto") {
		return s
	}
	return "#ZgotmplZ"
}

// escapeURL percent-encodes the bytes of s outside RFC 3986's unreserved
// set; when normalizing, it keeps the reserved characters and valid
// escapes too.
func escapeURL(s string, norm bool) string {
	for i := range len(s) {
		if !urlKeeps(s, i, norm) {
			var b strings.Builder
			b.Grow(len(s) + 16)
			writeURL(&b, s, norm)
			return b.String()
		}
	}
	return s
}

// writeURL writes s as escapeURL returns it.
func writeURL[W TextWriter](w W, s string, norm bool) {
	written := 0
	for i := range len(s) {
		if urlKeeps(s, i, norm) {
			continue
		}
		c := s[i]
		w.WriteString(s[written:i])
		w.WriteByte('%')
		w.WriteByte(lowerHex[c>>4])
		w.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	w.WriteString(s[written:])
}

// urlKeeps reports whether escapeURL keeps the byte s[i] as it is.
func urlKeeps(s string, i int, norm bool) bool {
	switch c := s[i]; {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
		c == '-', c == '.', c == '_', c == '~':
		return true
	case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
		return true
	case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
		return true
	}
	return false
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
