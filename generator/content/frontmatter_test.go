package content

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		title    string // value of title, "" when none
		body     string
		bodyLine int
		err      string // substring of the error, with its line as "line N:"
	}{
		{name: "yaml", src: "---\ntitle: A\n---\nBody\n", title: "A", body: "Body\n", bodyLine: 4},
		{name: "toml", src: "+++\ntitle = \"A\"\n+++\nBody\n", title: "A", body: "Body\n", bodyLine: 4},
		{name: "crlf", src: "---\r\ntitle: A\r\n---\r\nBody\r\n", title: "A", body: "Body\r\n", bodyLine: 4},
		{name: "none", src: "# Heading\n", body: "# Heading\n", bodyLine: 1},
		{name: "not at byte 0", src: "\n---\ntitle: A\n---\n", body: "\n---\ntitle: A\n---\n", bodyLine: 1},
		{name: "thematic break is not front matter", src: "----\ntext\n", body: "----\ntext\n", bodyLine: 1},
		{name: "empty block", src: "---\n---\nBody", body: "Body", bodyLine: 3},
		{name: "only front matter", src: "---\ntitle: A\n---", title: "A", body: "", bodyLine: 3},
		{name: "unterminated", src: "---\ntitle: A\nBody\n", err: "line 1: front matter opened with --- is never closed"},
		{name: "unterminated toml", src: "+++\ntitle = 1\n", err: "line 1: front matter opened with +++ is never closed"},
		{name: "list", src: "---\n- a\n- b\n---\n", err: "line 2: front matter must be a map of keys (title: ...), not a list"},
		{name: "scalar", src: "---\njust text\n---\n", err: `line 2: front matter must be a map of keys (title: ...), not the value "just text"`},
		{name: "bad yaml", src: "---\ntitle: A\nx: [1\n---\n", err: "line 3: invalid YAML in front matter"},
		{name: "bad yaml indent", src: "---\na: 1\n  b: 2\n---\n", err: "line 3: invalid YAML"},
		{name: "bad toml", src: "+++\ntitle = \n+++\n", err: "line 2: invalid TOML in front matter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm, body, line, err := SplitFrontMatter([]byte(tc.src))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Errorf("err %T is not an *Error with a line", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var title string
			if v := fm.Get("title"); v != nil {
				title = v.Value
			}
			if title != tc.title || string(body) != tc.body || line != tc.bodyLine {
				t.Errorf("got title %q body %q line %d, want %q %q %d", title, body, line, tc.title, tc.body, tc.bodyLine)
			}
		})
	}
}

func TestFrontMatterLines(t *testing.T) {
	src := "---\ntitle: A\ntags:\n  - x\n  - y\nweight: 2\n---\n"
	fm, _, _, err := SplitFrontMatter([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{"title": 2, "tags": 3, "weight": 6} {
		k, _ := fm.Lookup(key)
		if k == nil || k.Line != line {
			t.Errorf("%s at %v, want line %d", key, k, line)
		}
	}
	if y := fm.Get("tags").Content[1]; y.Line != 5 {
		t.Errorf("tags[1] at line %d, want 5", y.Line)
	}

	toml := "+++\ntitle = \"A\"\n\n[extra]\nx = 1\nweight = 2\n+++\n"
	fm, _, _, err = SplitFrontMatter([]byte(toml))
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{"title": 2, "extra": 4} {
		k, _ := fm.Lookup(key)
		if k == nil || k.Line != line {
			t.Errorf("toml %s at %+v, want line %d", key, k, line)
		}
	}
}

// TestFrontMatterOnly checks that Only keeps the keys asked for, in their
// order, with their lines and aliases, in nodes the original does not
// share.
func TestFrontMatterOnly(t *testing.T) {
	src := "---\ntitle: A\nbase: &b {x: 1}\nitems:\n  - title: X\n    extra: *b\ntags: [a]\n---\n"
	fm, _, _, err := SplitFrontMatter([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	only := fm.Only([]string{"tags", "items", "base", "missing"})
	var keys []string
	for _, k := range only.Keys() {
		keys = append(keys, fmt.Sprintf("%s@%d", k.Value, k.Line))
	}
	if got, want := strings.Join(keys, " "), "base@3 items@4 tags@7"; got != want {
		t.Errorf("Only keeps %s, want %s", got, want)
	}
	item := only.Get("items").Content[0]
	if item.Line != 5 || item.Content[0].Value != "title" || item.Content[3].Alias != only.Get("base") {
		t.Errorf("items[0] = %+v, want line 5, its title, and its alias to the copy of base", item)
	}
	// The copy shares no node: changing the original leaves it as it was.
	fm.Get("tags").Content[0].Value = "changed"
	fm.Map.Content[0].Value = "changed"
	if v := only.Get("tags").Content[0].Value; v != "a" {
		t.Errorf("tags[0] is %q after the original changed, want a", v)
	}
	if (FrontMatter{}).Only([]string{"x"}).Map != nil {
		t.Error("Only of an empty front matter made a map")
	}
}

func TestParsePage(t *testing.T) {
	src := "---\ntitle: T\ntags: [a, b]\nreviewed: 2026-01-02\nweight: x\ncustom: {k: v}\n---\nBody"
	pg, errs := ParsePage("a/b.md", []byte(src))
	if pg.URL != "/a/b/" || pg.Title != "T" || len(pg.Tags) != 2 || pg.Reviewed.Format("2006-01-02") != "2026-01-02" {
		t.Errorf("page = %+v", pg)
	}
	if len(errs) != 1 || errs[0].Error() != `line 5: weight: "x" is not a whole number` {
		t.Errorf("errs = %v", errs)
	}
	if m, ok := pg.Params["custom"].(map[string]any); !ok || m["k"] != "v" {
		t.Errorf("Params[custom] = %#v", pg.Params["custom"])
	}
}

func TestURLFor(t *testing.T) {
	for in, want := range map[string]string{
		"_index.md":       "/",
		"a/_index.md":     "/a/",
		"a/index.md":      "/a/",
		"a/b.md":          "/a/b/",
		"a/b/c.markdown":  "/a/b/c/",
		"top.md":          "/top/",
		"a/index-more.md": "/a/index-more/",
	} {
		if got, _ := URLFor(in); got != want {
			t.Errorf("URLFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := KnownKeys()
	for in, want := range map[string]string{
		"reviwed":      "reviewed",
		"tpye":         "type",
		"Title":        "title",
		"descripton":   "description",
		"review-every": "review_every",
		"tag":          "tags",
		"colour":       "",
		"name":         "",
		"x":            "",
	} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitFrontMatterEdges(t *testing.T) {
	for _, c := range []struct {
		name, src, title, body string
		line                   int
		fails                  bool
	}{
		{name: "closing line at end of file", src: "---\ntitle: A\n---", title: "A", body: "", line: 3},
		{name: "CRLF and blanks around the closing line", src: "---\r\ntitle: A\r\n  ---  \r\nText\r\n", title: "A", body: "Text\r\n", line: 4},
		{name: "a longer line is not the delimiter", src: "---\ntitle: |\n  ----\n---\nText\n", title: "----\n", body: "Text\n", line: 5},
		{name: "empty block", src: "---\n---\nText\n", body: "Text\n", line: 3},
		{name: "TOML", src: "+++\ntitle = \"A\"\n+++\n\nText\n", title: "A", body: "\nText\n", line: 4},
		{name: "never closed", src: "---\ntitle: A\n", fails: true},
		{name: "delimiter alone", src: "---", fails: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fm, body, line, err := SplitFrontMatter([]byte(c.src))
			if c.fails {
				if err == nil {
					t.Fatalf("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			title := ""
			if v := fm.Get("title"); v != nil {
				title = v.Value
			}
			if title != c.title || string(body) != c.body || line != c.line {
				t.Errorf("title %q, body %q, line %d; want %q, %q, %d", title, body, line, c.title, c.body, c.line)
			}
		})
	}
}

// TestDecodeValue checks that values decoded without yaml.v3 are the ones
// it gives.
func TestDecodeValue(t *testing.T) {
	src := `plain: Weekly review
quoted: "2026-01-31"
single: 'yes'
number: 42
float: 1.5
bool: true
date: 2026-01-31
null: ~
empty: ""
tags: [a, "b", 'c d']
mixed: [a, 1, true]
block:
  - one
  - "two"
nested: [[a]]
none: []
map: {a: b, c: [d]}
anchor: &x text
alias: *x
tagged: !!str 12
binary: !!binary aGVsbG8=
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0]
	fast := 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		var want any
		wantErr := v.Decode(&want)
		got, err := decodeValue(v)
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, %v; want %#v, %v", k, got, err, want, wantErr)
		}
		if isString(v) || v.Kind == yaml.SequenceNode && !slices.ContainsFunc(v.Content, notString) {
			fast++
		}
	}
	if fast < 8 {
		t.Errorf("%d values took the fast path; want at least 8", fast)
	}
}
