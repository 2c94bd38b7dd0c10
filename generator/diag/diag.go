// Package diag holds the diagnostics that every stage of a build reports:
// a position in a source file, a severity, a stable code and a message.
//
// A List collects diagnostics from concurrent stages. Sorted output is
// ordered by path, line and column, so reports never depend on scheduling.
// Messages are lower case, name what is wrong and, where it helps, what to
// do about it:
//
//	content/roadmaps/growth.md:14:5: error: roadmap item 3: status "soon" is not one of now, next, later, done, dropped
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a diagnostic fails a build.
type Severity int

const (
	// Warning is reported but fails a build only in strict mode.
	Warning Severity = iota
	// Error fails the build.
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Codes name each kind of problem. They are stable: CI configurations and
// editors may match on them.
const (
	BadFrontMatter    = "bad-front-matter"
	UnknownKey        = "unknown-key"
	BadValue          = "bad-value"
	BrokenLink        = "broken-link"
	BrokenAnchor      = "broken-anchor"
	DuplicateURL      = "duplicate-url"
	UnreadableFile    = "unreadable-file"
	BadEncoding       = "bad-encoding"
	BadConfig         = "bad-config"
	BadTemplate       = "bad-template"
	RoadmapInvalid    = "roadmap-invalid"
	KPIInvalid        = "kpi-invalid"
	DuplicateKPIID    = "duplicate-kpi-id"
	LessonInvalid     = "lesson-invalid"
	PrerequisiteCycle = "prerequisite-cycle"
	PlaybookInvalid   = "playbook-invalid"
	OverdueReview     = "overdue-review"
	ShallowClone      = "shallow-clone"
)

// A Diagnostic is one problem found in one place.
type Diagnostic struct {
	Path     string   `json:"path"` // slash-separated, relative to the site root
	Line     int      `json:"line"` // 1-based; 0 when the problem concerns the whole file
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// Error formats the diagnostic in the compiler convention
// path:line:col: severity: message.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	return b.String()
}

// List collects diagnostics. It is safe for concurrent use; the zero value
// is ready to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at path:line.
func (l *List) Errorf(path string, line int, code, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line.
func (l *List) Warnf(path string, line int, code, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Merge records every diagnostic of other.
func (l *List) Merge(other []Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, other...)
	l.mu.Unlock()
}

// Sorted returns the diagnostics ordered by path, line, column, severity
// (errors first) and message, without duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	Sort(out)
	return slices.Compact(out)
}

// String returns the diagnostics, sorted, one a line in the text format
// of Write.
func (l *List) String() string {
	var b strings.Builder
	Write(&b, "text", l.Sorted())
	return b.String()
}

// Sort orders ds by path, line, column, severity (errors first) and message.
func Sort(ds []Diagnostic) {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many errors and warnings ds holds.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Summary returns a one-line summary such as "2 errors, 1 warning in 40 pages".
func Summary(ds []Diagnostic, pages int) string {
	e, w := Count(ds)
	return fmt.Sprintf("%s, %s in %s", Plural(e, "error"), Plural(w, "warning"), Plural(pages, "page"))
}

// Plural returns "1 page", "2 pages".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Formats lists the names accepted by Write.
var Formats = []string{"text", "json", "github"}

// Write prints ds to w in the named format: "text" (one line per
// diagnostic), "json" (an array of objects) or "github" (GitHub Actions
// workflow commands, so problems show on a pull request's lines).
func Write(w io.Writer, format string, ds []Diagnostic) error {
	switch format {
	case "text":
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, d.Error()); err != nil {
				return err
			}
		}
		return nil
	case "json":
		if ds == nil {
			ds = []Diagnostic{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ds)
	case "github":
		for _, d := range ds {
			props := "file=" + escapeProperty(d.Path)
			if d.Line > 0 {
				props += fmt.Sprintf(",line=%d", d.Line)
				if d.Column > 0 {
					props += fmt.Sprintf(",col=%d", d.Column)
				}
			}
			props += ",title=" + escapeProperty(d.Code)
			if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, props, escapeData(d.Message)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// escapeData and escapeProperty follow the escaping rules of GitHub
// Actions workflow commands.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
