package fastlex

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/opsdocs/opsdocs/content"
	"github.com/opsdocs/opsdocs/generator/corpus"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A sample is a piece of code in a language, named for where it comes
// from.
type sample struct {
	name, lexer, code string
	// common samples must take the fast path.
	common bool
}

var (
	samplesOnce sync.Once
	allSamples  []sample
)

// samples returns the code blocks of the demo portal and of generated
// sites of three seeds, and the cases of testdata/common.txtar (which
// must take the fast path) and testdata/tricky.txtar (which need not).
func samples(t testing.TB) []sample {
	samplesOnce.Do(func() {
		fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && path.Ext(p) == ".md" {
				data, err := fs.ReadFile(content.FS, p)
				if err != nil {
					t.Fatal(err)
				}
				allSamples = append(allSamples, codeBlocks("content/"+p, data)...)
			}
			return nil
		})
		for _, seed := range []uint64{1, 2, 3} {
			_, err := corpus.Generate(corpus.Options{Pages: 100, Seed: seed}, func(f corpus.File) error {
				if path.Ext(f.Path) == ".md" {
					allSamples = append(allSamples, codeBlocks(f.Path, f.Data)...)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, file := range []string{"testdata/common.txtar", "testdata/tricky.txtar"} {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				lang, _, _ := strings.Cut(f.Name, "/")
				l := lexers.Get(lang)
				if l == nil {
					t.Fatalf("%s: %s: no lexer for %q", file, f.Name, lang)
				}
				allSamples = append(allSamples, sample{
					name:   file + ": " + f.Name,
					lexer:  l.Config().Name,
					code:   string(f.Data),
					common: file == "testdata/common.txtar",
				})
			}
		}
	})
	return allSamples
}

// codeBlocks returns the fenced code blocks of a Markdown file in a
// language that chroma knows, each common when the fast path has a
// scanner for its lexer.
func codeBlocks(file string, src []byte) []sample {
	var out []sample
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		f, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering || f.Info == nil {
			return ast.WalkContinue, nil
		}
		lang := strings.ToLower(string(f.Language(src)))
		l := lexers.Get(lang)
		if l == nil {
			return ast.WalkContinue, nil
		}
		var code strings.Builder
		for i := 0; i < f.Lines().Len(); i++ {
			seg := f.Lines().At(i)
			code.Write(seg.Value(src))
		}
		name := l.Config().Name
		out = append(out, sample{
			name:   file + ": " + lang,
			lexer:  name,
			code:   code.String(),
			common: languages[name] != nil,
		})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// chromaTokens returns the tokens of chroma's lexer, coalesced.
func chromaTokens(t testing.TB, lexer, code string) []chroma.Token {
	tokens, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(lexer)), nil, code)
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}

// same checks that, when the fast path takes code, it gives chroma's
// tokens, and reports whether it took it.
func same(t testing.TB, name, lexer, code string) bool {
	t.Helper()
	got, ok := Tokens(lexer, code)
	if !ok {
		return false
	}
	if want := chromaTokens(t, lexer, code); !slices.Equal(got, want) {
		t.Errorf("%s: %s: fast path differs from chroma for\n%s\n%s", name, lexer, code, diff(got, want))
	}
	return true
}

// diff shows two token streams side by side from their first difference.
func diff(got, want []chroma.Token) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	var b strings.Builder
	b.WriteString("fast path                              | chroma\n")
	for j := max(0, i-2); j < max(len(got), len(want)) && j < i+6; j++ {
		var g, w string
		if j < len(got) {
			g = got[j].Type.String() + " " + strconvQuote(got[j].Value)
		}
		if j < len(want) {
			w = want[j].Type.String() + " " + strconvQuote(want[j].Value)
		}
		mark := " "
		if g != w {
			mark = "!"
		}
		b.WriteString(mark + " " + pad(g, 37) + "| " + w + "\n")
	}
	return b.String()
}
