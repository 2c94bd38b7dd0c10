package markdown

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// TestUntimedLiftsTheLimit checks that the patterns of an untimed lexer
// have no time limit, while chroma's own keep theirs.
func TestUntimedLiftsTheLimit(t *testing.T) {
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
	if len(limits) == 0 || slices.Contains(limits, time.Duration(math.MaxInt64)) {
		t.Fatalf("chroma's own lexer has limits %v; the test expects limits on every pattern", limits)
	}
	got := tokens(untimed(newLexer()))
	if len(limits) == 0 || slices.ContainsFunc(limits, func(d time.Duration) bool { return d != math.MaxInt64 }) {
		t.Errorf("untimed lexer has limits %v, want none", limits)
	}
	if !slices.Equal(got, want) {
		t.Errorf("untimed lexer gives %v, chroma's %v", got, want)
	}
}

// TestUntimedHighlightsAlike checks that untimed copies of the lexers of
// common languages split code into the same tokens as chroma's.
func TestUntimedHighlightsAlike(t *testing.T) {
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
		got, err := chroma.Tokenise(untimed(l), nil, src)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: untimed lexer gives\n%v\nchroma's\n%v", lang, got, want)
		}
	}
}
