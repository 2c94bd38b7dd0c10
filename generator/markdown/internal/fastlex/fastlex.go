// Package fastlex splits code of the commonest languages into tokens
// without chroma's regular expressions: a fast path in front of chroma's
// lexers.
//
// Chroma's lexers are state machines of regular expressions, tried one
// after another at every place in the code; they cost about a sixth of a
// build's processor time, and code blocks are too different from one
// another for a cache to help. The scanners here are small hand-written
// copies of chroma's lexers for YAML, JSON, SQL, Bash, Python, Go,
// JavaScript, TOML and plain text, and they must give exactly the tokens
// chroma's lexer gives after chroma.Coalesce: the same types and the same
// values, so that a page is the same bytes whichever path highlighted it.
//
// Each scanner follows its chroma lexer rule by rule: at every place it
// tries the rules of the current state in chroma's order, and decides for
// each whether it matches and how far. Where it is not sure that it
// decides as chroma's regular expression would (a heredoc, an f-string, a
// regular-expression literal, a block scalar, a letter beyond ASCII
// outside a comment or a string, code of 8 KB or more, anything unusual),
// it gives up and the caller hands the code to chroma. Giving up is
// always correct; a wrong token never is. The tests compare the scanners
// with chroma on the code blocks of the demo portal and of generated
// sites, on hand-written tricky cases and under the fuzzer.
//
// Rules are decided by hand, but for one hairy pattern (YAML's numbers)
// that Go's regexp package matches as chroma's engine does. The keyword
// lists come from chroma's own rules, and each scanner checks at first
// use that its lexer's rules are still those it was written for (a
// fingerprint of their patterns): after an upgrade of chroma that changes
// a lexer, that language simply goes to chroma again until its scanner is
// reviewed.
package fastlex

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// maxLen bounds the code a scanner takes. Chroma.Coalesce stops merging
// tokens into one once it holds 8192 bytes, which makes where a long run
// of one type is split depend on how the lexer happened to cut it; below
// the bound every run is one token, whatever the cuts.
const maxLen = 8191

// A language is the fast path for one of chroma's lexers.
type language struct {
	// lexer is the name of chroma's lexer (its Config().Name).
	lexer string
	// fingerprint is that of the lexer's rules the scanner follows.
	fingerprint string
	// prepare reads what the scanner needs from the lexer's rules (its
	// keyword lists), or says why it cannot.
	prepare func(chroma.Rules) error
	// scan tokenises s.src, reporting false to give up.
	scan func(s *scanner) bool

	once  sync.Once
	ready bool
}

// languages holds a language for each lexer the package knows, by name.
var languages = map[string]*language{}

func register(l *language) *language {
	languages[l.lexer] = l
	return l
}

// prepared reports whether the lexer's rules are those the scanner
// follows, and reads its keyword lists the first time.
func (l *language) prepared() bool {
	l.once.Do(func() {
		rules, err := rulesOf(l.lexer)
		if err != nil || fingerprintOf(rules) != l.fingerprint {
			return
		}
		if l.prepare != nil && l.prepare(rules) != nil {
			return
		}
		l.ready = true
	})
	return l.ready
}

// Tokens returns the tokens that chroma's lexer named lexer, wrapped in
// chroma.Coalesce, gives for code, and true; or false when there is no
// scanner for that lexer or the scanner is not sure of code.
func Tokens(lexer, code string) ([]chroma.Token, bool) {
	l := languages[lexer]
	if l == nil || !plain(code) || !l.prepared() {
		return nil, false
	}
	s := &scanner{src: code, out: make([]chroma.Token, 0, len(code)/4+4)}
	if !l.scan(s) || s.pos != len(code) {
		return nil, false
	}
	if l.lexer != "plaintext" && !asciiOutsideText(s.out) {
		return nil, false
	}
	return s.out, true
}

// plain reports whether code is short, valid UTF-8 and ends with a
// newline, with no control characters but tabs and newlines: code that
// chroma neither changes (it turns \r into \n and invalid bytes into
// U+FFFD) nor adds a newline to.
func plain(code string) bool {
	if len(code) == 0 || len(code) > maxLen || code[len(code)-1] != '\n' || !utf8.ValidString(code) {
		return false
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; (c < ' ' && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// asciiOutsideText reports whether every character outside printable
// ASCII, tabs and newlines is in a comment or a string. The scanners take
// such characters for neither letters nor spaces, where chroma's \w, \s,
// \b and \p{L} know Unicode; inside a comment or a string, which ends at
// an ASCII delimiter, what kind of character it is does not matter.
func asciiOutsideText(tokens []chroma.Token) bool {
	for _, t := range tokens {
		if t.Type.InCategory(chroma.Comment) || t.Type.InSubCategory(chroma.LiteralString) {
			continue
		}
		for i := 0; i < len(t.Value); i++ {
			if t.Value[i] >= utf8.RuneSelf {
				return false
			}
		}
	}
	return true
}

func rulesOf(name string) (chroma.Rules, error) {
	l := lexers.Get(name)
	rl, ok := l.(*chroma.RegexLexer)
	if !ok || l.Config().Name != name {
		return nil, fmt.Errorf("no regular-expression lexer %q", name)
	}
	return rl.Rules()
}

// fingerprintOf returns a digest of the patterns and plain token types of
// rules, state by state.
func fingerprintOf(rules chroma.Rules) string {
	h := sha256.New()
	states := make([]string, 0, len(rules))
	for name := range rules {
		states = append(states, name)
	}
	slices.Sort(states)
	for _, name := range states {
		fmt.Fprintf(h, "state %q\n", name)
		for _, r := range rules[name] {
			fmt.Fprintf(h, "%q", r.Pattern)
			if t, ok := r.Type.(chroma.TokenType); ok {
				fmt.Fprintf(h, " %d", t)
			}
			fmt.Fprintf(h, " %T\n", r.Mutator)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// A scanner holds the code being split and the tokens so far, merged as
// chroma.Coalesce merges them.
type scanner struct {
	src string
	pos int
	out []chroma.Token
}

// emit makes the next n bytes a token of type t.
func (s *scanner) emit(t chroma.TokenType, n int) {
	if n == 0 {
		return
	}
	end := s.pos + n
	if k := len(s.out) - 1; k >= 0 && s.out[k].Type == t {
		// Tokens are consecutive, so the merged value is one slice.
		start := end - len(s.out[k].Value) - n
		s.out[k].Value = s.src[start:end]
	} else {
		s.out = append(s.out, chroma.Token{Type: t, Value: s.src[s.pos:end]})
	}
	s.pos = end
}

// at returns the byte at i, or 0 past either end.
func (s *scanner) at(i int) byte {
	if i < 0 || i >= len(s.src) {
		return 0
	}
	return s.src[i]
}

// has reports whether the code at s.pos starts with prefix.
func (s *scanner) has(prefix string) bool {
	return strings.HasPrefix(s.src[s.pos:], prefix)
}

// boundary reports whether \b holds at i.
func (s *scanner) boundary(i int) bool {
	return isWord(s.at(i-1)) != isWord(s.at(i))
}

// lineStart reports whether ^ holds at i in multi-line mode.
func (s *scanner) lineStart(i int) bool {
	return i == 0 || s.src[i-1] == '\n'
}

// lineEnd reports whether $ holds at i in multi-line mode.
func (s *scanner) lineEnd(i int) bool {
	return i == len(s.src) || s.src[i] == '\n'
}

// span returns how many bytes from i are in the set.
func (s *scanner) span(i int, in func(byte) bool) int {
	j := i
	for j < len(s.src) && in(s.src[j]) {
		j++
	}
	return j - i
}

// word returns the run of \w characters at i.
func (s *scanner) word(i int) string {
	return s.src[i : i+s.span(i, isWord)]
}

// lineRest returns how many bytes from i to the end of the line, the
// newline left out: what .* matches when dot does not match newlines.
func (s *scanner) lineRest(i int) int {
	if j := strings.IndexByte(s.src[i:], '\n'); j >= 0 {
		return j
	}
	return len(s.src) - i
}

func isWord(c byte) bool {
	return c == '_' || isAlnum(c)
}

func isAlnum(c byte) bool {
	return isLetter(c) || isDigit(c)
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSpace is \s on the characters plain lets through.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n'
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t'
}

// A wordList is an alternation of literal words in one of chroma's
// patterns, "(a|b|c)", followed by something that does not match a word
// character (\b, a look-ahead for a space): such an alternative matches
// only when it is the whole run of word characters where it starts, so
// the run is looked up. Alternatives that hold other characters ("yield
// from") are kept apart and tried in the pattern's order.
type wordList struct {
	words  map[string]int // by position in the pattern
	others []string
	index  []int // of others
	fold   bool  // the pattern ignores case: words are kept upper case
}

// words reads the alternation of the pattern of rule i of state, which
// must be prefix + "(" + alternatives + ")" + suffix.
func words(rules chroma.Rules, state string, i int, prefix, suffix string, fold bool) (*wordList, error) {
	rs := rules[state]
	if i >= len(rs) {
		return nil, fmt.Errorf("no rule %s.%d", state, i)
	}
	p, ok1 := strings.CutPrefix(rs[i].Pattern, prefix+"(")
	p, ok2 := strings.CutSuffix(p, ")"+suffix)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("rule %s.%d is %q", state, i, rs[i].Pattern)
	}
	w := &wordList{words: map[string]int{}, fold: fold}
	for j, alt := range strings.Split(p, "|") {
		if alt == "" || strings.ContainsAny(alt, `\()[]{}.*+?^$`) || !isWord(alt[len(alt)-1]) {
			return nil, fmt.Errorf("rule %s.%d: alternative %q", state, i, alt)
		}
		if fold {
			if len(alt) > 32 {
				return nil, fmt.Errorf("rule %s.%d: alternative %q is longer than lookup allows", state, i, alt)
			}
			alt = strings.ToUpper(alt)
		}
		if strings.IndexFunc(alt, func(r rune) bool { return r > 127 || !isWord(byte(r)) }) >= 0 {
			w.others = append(w.others, alt)
			w.index = append(w.index, j)
		} else if _, dup := w.words[alt]; !dup {
			w.words[alt] = j
		}
	}
	return w, nil
}

// match returns the length of the alternative that the pattern matches at
// s.pos, 0 for none. after reports whether the rest of the pattern
// matches after an alternative of the given length; for words it is
// never asked, since the run of word characters ends before a character
// that is not one.
func (w *wordList) match(s *scanner, after func(n int) bool) int {
	run := s.word(s.pos)
	best, n := -1, 0
	if run != "" {
		if j, ok := w.lookup(run); ok {
			best, n = j, len(run)
		}
	}
	for k, alt := range w.others {
		if best >= 0 && w.index[k] > best {
			break
		}
		end := s.pos + len(alt)
		if end > len(s.src) || !w.equal(s.src[s.pos:end], alt) || isWord(s.at(end)) || !after(len(alt)) {
			continue
		}
		best, n = w.index[k], len(alt)
		break
	}
	return n
}

// lookup returns the position of a word in the pattern.
func (w *wordList) lookup(word string) (int, bool) {
	if !w.fold {
		j, ok := w.words[word]
		return j, ok
	}
	var buf [32]byte
	if len(word) > len(buf) {
		return 0, false // longer than any keyword
	}
	b := buf[:len(word)]
	for i := range len(word) {
		c := word[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[i] = c
	}
	j, ok := w.words[string(b)]
	return j, ok
}

func (w *wordList) equal(text, alt string) bool {
	if w.fold {
		return strings.EqualFold(text, alt)
	}
	return text == alt
}
