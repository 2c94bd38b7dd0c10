package diag

import (
	"bytes"
	"testing"
)

func sample() []Diagnostic {
	var l List
	l.Warnf("content/b.md", 3, BrokenLink, "link to missing page x.md")
	l.Errorf("content/a.md", 10, BadValue, "weight: %q is not a whole number", "x")
	l.Add(Diagnostic{Path: "content/a.md", Line: 2, Column: 5, Severity: Error, Code: BadFrontMatter, Message: "bad, really: 100%"})
	l.Errorf("content/a.md", 10, BadValue, "weight: %q is not a whole number", "x") // duplicate
	return l.Sorted()
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"text", `content/a.md:2:5: error: bad, really: 100%
content/a.md:10: error: weight: "x" is not a whole number
content/b.md:3: warning: link to missing page x.md
`},
		{"github", `::error file=content/a.md,line=2,col=5,title=bad-front-matter::bad, really: 100%25
::error file=content/a.md,line=10,title=bad-value::weight: "x" is not a whole number
::warning file=content/b.md,line=3,title=broken-link::link to missing page x.md
`},
		{"json", `[
  {
    "path": "content/a.md",
    "line": 2,
    "column": 5,
    "severity": "error",
    "code": "bad-front-matter",
    "message": "bad, really: 100%"
  },
  {
    "path": "content/a.md",
    "line": 10,
    "column": 0,
    "severity": "error",
    "code": "bad-value",
    "message": "weight: \"x\" is not a whole number"
  },
  {
    "path": "content/b.md",
    "line": 3,
    "column": 0,
    "severity": "warning",
    "code": "broken-link",
    "message": "link to missing page x.md"
  }
]
`},
	} {
		var b bytes.Buffer
		if err := Write(&b, tc.format, sample()); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.format, b.String(), tc.want)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, "json", nil); err != nil || b.String() != "[]\n" {
		t.Errorf("no diagnostics as JSON = %q, %v", b.String(), err)
	}
	if err := Write(&b, "xml", nil); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestSummary(t *testing.T) {
	if got, want := Summary(sample(), 1), "2 errors, 1 warning in 1 page"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}
