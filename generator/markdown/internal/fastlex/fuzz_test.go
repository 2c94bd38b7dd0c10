package fastlex

import (
	"strings"
	"testing"
)

// fuzz checks, for code in the language of chroma's lexer named lexer,
// that whenever the fast path takes code its tokens are chroma's. Its
// seeds are the samples in that language; testdata/fuzz holds the inputs
// the fuzzer once found the scanners wrong on.
func fuzz(f *testing.F, lexer string) {
	for _, s := range samples(f) {
		if s.lexer == lexer {
			f.Add(s.code)
		}
	}
	f.Fuzz(func(t *testing.T, code string) {
		// Code blocks end with a newline; without one the fast path
		// gives up at once, and the fuzzer would learn nothing.
		if !strings.HasSuffix(code, "\n") {
			code += "\n"
		}
		same(t, "fuzz", lexer, code)
	})
}

func FuzzPlaintext(f *testing.F)  { fuzz(f, "plaintext") }
func FuzzJSON(f *testing.F)       { fuzz(f, "JSON") }
func FuzzTOML(f *testing.F)       { fuzz(f, "TOML") }
func FuzzSQL(f *testing.F)        { fuzz(f, "SQL") }
func FuzzYAML(f *testing.F)       { fuzz(f, "YAML") }
func FuzzBash(f *testing.F)       { fuzz(f, "Bash") }
func FuzzGo(f *testing.F)         { fuzz(f, "Go") }
func FuzzJavaScript(f *testing.F) { fuzz(f, "JavaScript") }
func FuzzPython(f *testing.F)     { fuzz(f, "Python") }
