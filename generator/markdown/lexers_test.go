package markdown

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestPatientSetsTheLimit checks that the patterns of a patient lexer have
// matchLimit to match, while chroma's own keep their shorter limit.
func TestPatientSetsTheLimit(t *testing.T) {
	var limits []time.Duration
	// A mutator sees the compiled rules of the lexer it runs in.
	inspect := chroma.MutatorFunc(func(s *chroma.LexerState) error {
		for _, rs := range s.Rules {
			for _, r := range rs {
				limits = append(limits, r.Regexp.MatchTimeout)
			}
		}
		return nil
	})
	newLexer := func() chroma.Lexer {
		return chroma.MustNewLexer(&chroma.Config{Name: "words"}, func() chroma.Rules {
			return chroma.Rules{
				"root": {
					{Pattern: `\w+`, Type: chroma.Name, Mutator: inspect},
					{Pattern: `\s+`, Type: chroma.Text},
				},
			}
		})
	}
	tokens := func(l chroma.Lexer) []chroma.Token {
		limits = nil
		it, err := l.Tokenise(nil, "one two")
		if err != nil {
			t.Fatal(err)
		}
		return it.Tokens()
	}

	want := tokens(newLexer())
	if len(limits) == 0 || slices.ContainsFunc(limits, func(d time.Duration) bool { return d >= matchLimit }) {
		t.Fatalf("chroma's own lexer has limits %v; the test expects shorter ones than %v", limits, matchLimit)
	}
	got := tokens(patient(newLexer()))
	if len(limits) == 0 || slices.ContainsFunc(limits, func(d time.Duration) bool { return d != matchLimit }) {
		t.Errorf("patient lexer has limits %v, want %v", limits, matchLimit)
	}
	if !slices.Equal(got, want) {
		t.Errorf("patient lexer gives %v, chroma's %v", got, want)
	}
}

// TestPatientHighlightsAlike checks that patient copies of the lexers of
// common languages split code into the same tokens as chroma's.
func TestPatientHighlightsAlike(t *testing.T) {
	samples := map[string]string{
		"python":     "def score(rows, weight=3):\n    \"\"\"Score rows.\"\"\"\n    return sum(r[\"v\"] * weight for r in rows) / max(len(rows), 1)\n",
		"go":         "func ready(s Status) bool {\n\treturn s.Owner != \"\" && s.Score >= 42\n}\n",
		"bash":       "# Export\nopsctl report --since 2026-01-01 \\\n  --format csv > out.csv\nwc -l out.csv\n",
		"sql":        "SELECT id, count(*) AS n FROM t WHERE d >= '2026-01-01' GROUP BY id;\n",
		"yaml":       "team:\n  owner: ana\n  channels:\n    - \"#ops\"\n  threshold: 42\n",
		"javascript": "export function label(item) {\n  return `${item.name}: ${Math.round(item.value * 100)}%`;\n}\n",
		"markdown":   "# Title\n\n- item with `code`\n\n```go\nx := 1\n```\n",
	}
	for lang, src := range samples {
		l := lexers.Get(lang)
		if l == nil {
			t.Fatalf("no lexer for %s", lang)
		}
		want, err := chroma.Tokenise(l, nil, src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chroma.Tokenise(patient(l), nil, src)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: patient lexer gives\n%v\nchroma's\n%v", lang, got, want)
		}
	}
}

// TestWriteTokensLikeChroma checks that highlighted code is written as
// chroma's HTML formatter writes it with classes.
func TestWriteTokensLikeChroma(t *testing.T) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(false))
	samples := map[string]string{
		"python":     "def f(a, b='<x>'):\n\treturn a & b  # \"quoted\"\n\n\nprint(f(1, 2))\n",
		"go":         "package main\n\nfunc main() {\n\ts := `raw\nstring`\n\t_ = s < \"a\" && true\n}",
		"bash":       "echo 'it''s' \"$HOME\" > /dev/null &\n",
		"html":       "<a href=\"/x?a=1&b=2\">T&amp;C</a>\n",
		"plaintext":  "no <tags> & no classes\n",
		"javascript": "const re = /a+b/g; // ünïcode ✓\n",
	}
	for lang, src := range samples {
		tokens, err := chroma.Tokenise(lexers.Get(lang), nil, src)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := f.Format(&want, styles.Fallback, chroma.Literator(tokens...)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		w.WriteString(`<pre tabindex="0" class="chroma"><code>`)
		writeTokens(w, tokens)
		w.WriteString(`</code></pre>`)
		w.Flush()
		// Chroma's own <pre> carries its style's mode; ours does not.
		wantHTML := strings.Replace(want.String(), `<pre class="chroma">`, `<pre tabindex="0" class="chroma">`, 1)
		if got.String() != wantHTML {
			t.Errorf("%s:\ngot  %s\nwant %s", lang, got.String(), wantHTML)
		}
	}
}
