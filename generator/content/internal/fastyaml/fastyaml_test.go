package fastyaml_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/opsdocs/opsdocs/content"
	"github.com/opsdocs/opsdocs/generator/content/internal/fastyaml"
	"github.com/opsdocs/opsdocs/generator/corpus"
	"gopkg.in/yaml.v3"
)

// same checks Parse against yaml.v3 on src: when Parse accepts src,
// yaml.v3 must too, with the same tree. It reports whether Parse took
// src.
func same(t testing.TB, src string) bool {
	t.Helper()
	got, ok := fastyaml.Parse([]byte(src))
	var doc yaml.Node
	err := yaml.Unmarshal([]byte(src), &doc)
	if !ok {
		return false
	}
	if err != nil {
		t.Errorf("Parse accepted what yaml.v3 rejects (%v):\n%s", err, src)
		return true
	}
	if len(doc.Content) != 1 {
		t.Errorf("Parse accepted a document yaml.v3 reads as %d nodes:\n%s", len(doc.Content), src)
		return true
	}
	if want := doc.Content[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("Parse differs from yaml.v3 on:\n%s\ngot:\n%s\nwant:\n%s", src, dump(got), dump(want))
	}
	return true
}

// dump shows a tree with every field Parse sets.
func dump(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%s%d:%d kind=%d style=%d tag=%s value=%q anchor=%q comments=%q/%q/%q\n",
			strings.Repeat("  ", depth), n.Line, n.Column, n.Kind, n.Style, n.Tag, n.Value,
			n.Anchor, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// fast are front matters of the common shape, which Parse must take.
var fast = []string{
	"title: Hello\n",
	"title: \"Quoted: with colon\"\ndescription: 'It''s single'\n",
	"title: Café au lait — ünïcode\ntags: [né, \"à b\", c]\n",
	"tags: []\nempty: \"\"\nsingle: ''\n",
	"updated: 2025-06-09\nreviewed: 2024-02-29\n",
	"count: 42\nneg: -7\nplus: +3\nzero: 0\nratio: 0.25\nbig: 12345678901234567890\n",
	"on: true\noff: False\nnothing: null\ntilde: ~\nyes: yes\nno: No\n",
	"url: https://example.com/a?b=c\npath: /a/b\nemail: a@b.c\n",
	"date: 2025-13-45\nperiod: 2026-H1\nquarter: 2026-Q1\ntime: 2025-01-02T10:00:00Z\nshort: 2025-1-2\nspaced: 2025-01-02 10:00:00\n",
	"review_every: 90d\ninterval: 3 months\nversion: 1.2.3\n",
	"escapes: \"a\\\"b\\\\c\\n\\t/\"\n",
	"kpis:\n  - name: Activation\n    target: 40\n    unit: \"%\"\n    history:\n      - date: 2025-01-01\n        value: 31.5\n      - date: 2025-02-01\n        value: 33\n  - name: Churn\n    direction: down\n",
	"items:\n- a\n- b\nnext: c\n",
	"nested:\n  deeper:\n    deepest: x\n  back: y\ntop: z\n",
	"\n\nlate: start\n\n\nafter: blanks\n",
	"history:\n  - {date: 2026-03-25, value: 17.2}\n  - {date: \"2026-04-25\", value: 1, note: a b}\nmap: {}\nflow: { a: 1 ,b: 2 }\n",
	"- top\n- level\n",
	"dup: 1\ndup: 2\n",
	"octal: 0o17\n",
	"steps:\n  - [a, b]\n  - 'q'\n  - plain words here\n",
	"  indented: root\n  second: key\n",
	"trailing: spaces   \nquoted: \"x\"   \n",
	"a-b: 1\na.b: 2\na/b: 3\n_x: 4\n",
	"value: -x\nother: :colon-first\nq: ?maybe\n",
}

// declined are inputs outside the shape, which Parse must leave to
// yaml.v3 (some of them are not YAML at all).
var declined = []string{
	"",
	"# comment\ntitle: x\n",
	"title: x # comment\n",
	"title: |\n  block\n",
	"title: >\n  folded\n",
	"anchor: &a x\nalias: *a\n",
	"tagged: !!str 1\n",
	"flow: {a: [1]}\n",
	"flow: [{a: 1}]\n",
	"flow: {a:1}\n",
	"flow: {a: }\n",
	"multi: line\n  continued\n",
	"empty:\n",
	"empty:\nnext: x\n",
	"\ttab: x\n",
	"crlf: x\r\n",
	"title: \"unclosed\n",
	"title: \"two\n  lines\"\n",
	"key:value\n",
	"seq:\n  - - nested\n",
	"seq:\n  -\n",
	"bad: [a, ]\n",
	"bad: [a, [b]]\n",
	"bad: [a] b\n",
	"bad: a: b\n",
	"merge:\n  <<: x\n",
	"top: level\n- not: here\n",
	"esc: \"\\u00e9\"\n",
	"\"quoted key\": x\n",
	"2024: year\n",
	"a: 1\n b: 2\n",
	"a:\n  b: 1\n c: 2\n",
	"...\n",
	"---\na: 1\n",
	"a: 1\n---\nb: 2\n",
	"bom: \ufeffx\n",
	"nel: a\u0085b\n",
}

func TestFast(t *testing.T) {
	for _, src := range fast {
		if !same(t, src) {
			t.Errorf("Parse declined:\n%s", src)
		}
	}
}

func TestDeclined(t *testing.T) {
	for _, src := range declined {
		if same(t, src) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(src), &doc); err == nil {
				// Accepting is fine when the trees agree (same checked
				// that), but these are meant to test the declining.
				t.Errorf("Parse accepted an input it should decline:\n%s", src)
			}
		}
	}
}

// frontMatter returns the front matter of a Markdown file, or false.
func frontMatter(src []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return "", false
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---"))
	return string(fm) + "\n", ok
}

// generatedFrontMatter returns the front matter of every page of a
// generated site.
func generatedFrontMatter(t testing.TB, pages int, seed uint64) []string {
	var docs []string
	_, err := corpus.Generate(corpus.Options{Pages: pages, Seed: seed}, func(f corpus.File) error {
		if fm, ok := frontMatter(f.Data); ok {
			docs = append(docs, fm)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestSites compares with yaml.v3 on every front matter of generated
// sites and of the demo portal, and checks that the common shape is what
// they hold: Parse must take nearly all of them.
func TestSites(t *testing.T) {
	var docs []string
	for _, seed := range []uint64{1, 2, 3} {
		docs = append(docs, generatedFrontMatter(t, 600, seed)...)
	}
	generated := len(docs)
	fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			src, err := fs.ReadFile(content.FS, p)
			if err != nil {
				t.Fatal(err)
			}
			if fm, ok := frontMatter(src); ok {
				docs = append(docs, fm)
			}
		}
		return nil
	})
	taken := 0
	for i, src := range docs {
		if same(t, src) {
			taken++
		} else if i < generated {
			t.Errorf("Parse declined a generated front matter:\n%s", src)
		}
	}
	t.Logf("Parse took %d of %d front matters (%d generated)", taken, len(docs), generated)
	if len(docs) < 1000 || taken < len(docs)*8/10 {
		t.Errorf("Parse took %d of %d front matters; want most", taken, len(docs))
	}
}

// BenchmarkParse reads the front matter of a generated site with Parse and
// with yaml.v3.
func BenchmarkParse(b *testing.B) {
	docs := generatedFrontMatter(b, 1000, 1)
	var size int64
	for _, d := range docs {
		size += int64(len(d))
	}
	b.Run("fastyaml", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range docs {
				if _, ok := fastyaml.Parse([]byte(d)); !ok {
					b.Fatal("declined")
				}
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range docs {
				var n yaml.Node
				if err := yaml.Unmarshal([]byte(d), &n); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, src := range fast {
		f.Add(src)
	}
	for _, src := range declined {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		same(t, src)
	})
}
