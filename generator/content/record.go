package content

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/generator/diag"
	"gopkg.in/yaml.v3"
)

// A Record is one mapping inside structured front matter (a roadmap item,
// a KPI), read key by key. Every problem is reported to the record's
// diagnostics at the line of the value concerned, prefixed with what the
// record is ("roadmap item 3: ..."), under the record's code.
type Record struct {
	// Line is the line of the record's first key.
	Line int
	// What names the record in messages: "roadmap item 3". Decoders may
	// refine it once they know a name.
	What string

	col        int
	file, code string
	diags      *diag.List
	fields     map[string]*yaml.Node
	errors     int
}

// Records reads the list of mappings under key. It reports a value that
// is not a list of mappings, and keys of an item that are not in known
// (with a suggestion when one looks misspelt); each item is named what
// and its position from 1 ("roadmap item 1").
func Records(pg *Page, key, what, code string, known []string, diags *diag.List) []*Record {
	_, v := pg.Meta.Lookup(key)
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(pg.File, v.Line, code, "%s: want a list of %ss, each starting with \"- \", not %s", key, what, describeNode(v))
		return nil
	}
	recs := make([]*Record, 0, len(v.Content))
	for i, n := range v.Content {
		r := &Record{Line: n.Line, col: n.Column, What: fmt.Sprintf("%s %d", what, i+1), file: pg.File, code: code, diags: diags}
		if n.Kind != yaml.MappingNode {
			r.Errorf(n, "want keys such as %s: ..., not %s", known[0], describeNode(n))
			continue
		}
		r.fields = make(map[string]*yaml.Node, len(n.Content)/2)
		for j := 0; j+1 < len(n.Content); j += 2 {
			k := n.Content[j]
			r.fields[k.Value] = n.Content[j+1]
			if slices.Contains(known, k.Value) {
				continue
			}
			msg := fmt.Sprintf("%s: unknown key %q", r.What, k.Value)
			if s := Suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": known keys are " + strings.Join(known, ", ")
			}
			diags.Add(diag.Diagnostic{Path: pg.File, Line: k.Line, Column: k.Column, Severity: diag.Warning, Code: diag.UnknownKey, Message: msg})
		}
		recs = append(recs, r)
	}
	return recs
}

// A Pos is where a value is written in a page's file: line and column,
// both from 1; the zero Pos when it is not written.
type Pos struct{ Line, Column int }

// PosOf returns where n is written; the zero Pos for nil. Decoders keep a
// Pos rather than the node: a node holds on to the whole front matter.
func PosOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{n.Line, n.Column}
}

// Get returns the value of key, or nil when it is absent or null.
func (r *Record) Get(key string) *yaml.Node {
	v := r.fields[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	return v
}

// Errorf reports an error at n's line (the record's when n is nil).
func (r *Record) Errorf(n *yaml.Node, format string, args ...any) {
	r.errors++
	r.diags.Add(r.diagnostic(n, diag.Error, fmt.Sprintf(format, args...)))
}

// Warnf reports a warning at n's line (the record's when n is nil).
func (r *Record) Warnf(n *yaml.Node, format string, args ...any) {
	r.diags.Add(r.diagnostic(n, diag.Warning, fmt.Sprintf(format, args...)))
}

func (r *Record) diagnostic(n *yaml.Node, sev diag.Severity, msg string) diag.Diagnostic {
	d := diag.Diagnostic{Path: r.file, Line: r.Line, Column: r.col, Severity: sev, Code: r.code, Message: r.What + ": " + msg}
	if n != nil {
		d.Line, d.Column = n.Line, n.Column
	}
	return d
}

// Failed reports whether the record has had an error.
func (r *Record) Failed() bool { return r.errors > 0 }

// String returns the text of key, reporting a value that is not a single
// line of text.
func (r *Record) String(key string) string {
	v := r.Get(key)
	if v == nil {
		return ""
	}
	s, err := String(key, v)
	if err != nil {
		r.Errorf(v, "%s", err.(*Error).Msg)
	}
	return strings.TrimSpace(s)
}

// Strings returns the list of text under key.
func (r *Record) Strings(key string) []string {
	v := r.Get(key)
	if v == nil {
		return nil
	}
	s, err := Strings(key, v)
	if err != nil {
		r.Errorf(v, "%s", err.(*Error).Msg)
	}
	return s
}

// Date returns the date under key.
func (r *Record) Date(key string) time.Time {
	v := r.Get(key)
	if v == nil {
		return time.Time{}
	}
	t, err := Date(key, v)
	if err != nil {
		r.Errorf(v, "%s", err.(*Error).Msg)
	}
	return t
}

// OneOf returns the text under key when it is one of allowed (or absent:
// then def), and reports any other value with the allowed ones.
func (r *Record) OneOf(key string, allowed []string, def string) string {
	v := r.Get(key)
	if v == nil {
		return def
	}
	s := r.String(key)
	if v.Kind != yaml.ScalarNode {
		return def // reported by String
	}
	if slices.Contains(allowed, s) {
		return s
	}
	lower := strings.ToLower(s)
	if slices.Contains(allowed, lower) {
		return lower
	}
	r.Errorf(v, "%s %q is not one of %s", key, s, strings.Join(allowed, ", "))
	return def
}
