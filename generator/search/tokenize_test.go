package search

import (
	"fmt"
	"strings"
	"testing"
)

// tokens lists the words of text as "word" for a word of its own,
// "word+" for a whole compound and "-word" for a part of one.
func tokens(text string) string {
	var t tokenizer
	var out []string
	t.words(text, func(w []byte, kind wordKind, at, _ int) {
		switch kind {
		case whole:
			out = append(out, string(w)+"+")
		case part:
			out = append(out, "-"+string(w))
		default:
			out = append(out, string(w))
		}
	})
	return strings.Join(out, " ")
}

func TestTokenizer(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"words and punctuation", "Launch readiness: the two-week checklist.", "launch readiness the two-week+ -two -week checklist"},
		{"snake case", "set base_url in opsdocs.yaml", "set base_url+ -base -url in opsdocs.yaml+ -opsdocs -yaml"},
		{"camel case", "LaunchDarkly flags", "launchdarkly+ -launch -darkly flags"},
		{"acronym then word", "HTTPServer", "httpserver+ -http -server"},
		{"plural acronyms stay whole", "KPIs and SLOs", "kpis and slos"},
		{"dotted camel case", ".Reviewed.IsZero", "reviewed.iszero+ -reviewed iszero+ -is -zero"},
		{"kebab case", "go/no-go", "go no-go+ -no -go"},
		{"joiners only between letters", "-flag end. a--b x_", "flag end a b x"},
		{"digits", "Sev1 in 2026-Q4, 45%", "sev1 in 2026-q4+ -2026 -q4 45"},
		{"apostrophes split", "don’t isn't", "don t isn t"},
		{"accents folded", "Tomás Müller façade ĂŞ", "tomas muller facade as"},
		{"combining accents dropped", "Toma\u0301s", "tomas"},
		{"other scripts kept", "Привет мир", "привет мир"},
		{"Japanese in pairs of letters", "検索エンジンの設定", "検索 索エ エン ンジ ジン ンの の設 設定"},
		{"Chinese in pairs of letters", "东京和京都。", "东京 京和 和京 京都"},
		{"Korean in pairs of letters", "검색 엔진을", "검색 엔진 진을"},
		{"a letter alone", "日 本", "日 本"},
		{"mixed with latin letters", "iPhone用アプリ v2版", "iphone+ -i -phone 用ア アプ プリ v2 版"},
		{"joiners do not join Chinese", "東京-大阪 a_東", "東京 大阪 a 東"},
		{"long vowel mark", "サーバー", "サー ーバ バー"},
		{"too long dropped, short parts kept", strings.Repeat("x", 41) + "_y " + strings.Repeat("z", 41), "-y"},
		{"upper case", "SOURCE_DATE_EPOCH", "source_date_epoch+ -source -date -epoch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tokens(tc.text); got != tc.want {
				t.Errorf("tokens(%q)\n got %s\nwant %s", tc.text, got, tc.want)
			}
		})
	}
}

// TestPositions checks the positions of words: a compound takes one per
// part not cut further (written word@position+positions), and starts
// where its first part does.
func TestPositions(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Launch the readiness review", "launch@0 the@1 readiness@2 review@3 (4)"},
		{"set base_url in", "set@0 base_url@1+2 base@1 url@2 in@3 (4)"},
		{".Page.IsZero now", "page.iszero@0+3 page@0 iszero@1+2 is@1 zero@2 now@3 (4)"},
		{"LaunchDarkly flag", "launchdarkly@0+2 launch@0 darkly@1 flag@2 (3)"},
		{"go-to-market HTTPServer", "go-to-market@0+3 go@0 to@1 market@2 httpserver@3+2 http@3 server@4 (5)"},
		{"検索エンジン 設定", "検索@0 索エ@1 エン@2 ンジ@3 ジン@4 設定@5 (6)"},
		{"a 日 b", "a@0 日@1 b@2 (3)"},
		{strings.Repeat("x", 41) + " kept", "kept@1 (2)"},
		{"", "(0)"},
	} {
		var tok tokenizer
		var out []string
		n := tok.words(tc.text, func(w []byte, kind wordKind, at, n int) {
			if n == 1 {
				out = append(out, fmt.Sprintf("%s@%d", w, at))
			} else {
				out = append(out, fmt.Sprintf("%s@%d+%d", w, at, n))
			}
		})
		out = append(out, fmt.Sprintf("(%d)", n))
		if got := strings.Join(out, " "); got != tc.want {
			t.Errorf("positions of %q\n got %s\nwant %s", tc.text, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	for word, want := range map[string]string{
		"running": "run", "readiness": "readi", "launches": "launch", "launched": "launch",
		"kpis": "kpis", "go": "go", "sev1": "sev1", "base_url": "base_url", "привет": "привет",
	} {
		if got := stem(word); got != want {
			t.Errorf("stem(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, n := range []uint64{0, 1, 31, 32, 1023, 1024, 123456789, 1<<63 + 5} {
		b := appendNum([]byte("!"), n)
		got, next, ok := readNum(string(b), 1)
		if !ok || got != n || next != len(b) {
			t.Errorf("%d: encoded %q, read %d (ok %v, next %d)", n, b, got, ok, next)
		}
	}
	for _, n := range []int64{0, -1, 1, -32, 31, -1 << 40} {
		b := appendInt(nil, n)
		if got, _, ok := readInt(string(b), 0); !ok || got != n {
			t.Errorf("%d: encoded %q, read %d", n, b, got)
		}
	}
	if len(appendNum(nil, 31)) != 1 || len(appendNum(nil, 1023)) != 2 {
		t.Error("numbers below 32 take one digit, below 1024 two")
	}
	if _, _, ok := readNum("W", 0); ok {
		t.Error("a number cut short was read")
	}
}

func TestCompareUTF16(t *testing.T) {
	// U+FF5E sorts after U+1F600 in UTF-16 (0xFF5E > 0xD83D), not in
	// code points.
	if compareUTF16("\uff5e", "\U0001F600") <= 0 {
		t.Error("U+FF5E should sort after U+1F600, as in JavaScript")
	}
	if compareUTF16("ab", "abc") >= 0 || compareUTF16("abc", "abd") >= 0 || compareUTF16("x", "x") != 0 {
		t.Error("plain order broken")
	}
}

// FuzzWords checks that the shortcut for plain words emits what the long
// way does.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Launch readiness: the two-week checklist.", "set base_url in opsdocs.yaml", "LaunchDarkly KPIs", "Sev1 in 2026-Q4, 45%", "Tomás façade", "検索エンジン", "iPhone用", "a.", "end-", strings.Repeat("x", 41) + " y", "Ab\u0301c x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var got, want []string
		collect := func(out *[]string) emitFunc {
			return func(w []byte, kind wordKind, at, n int) {
				*out = append(*out, fmt.Sprintf("%s/%d/%d/%d", w, kind, at, n))
			}
		}
		fast, slow := tokenizer{}, tokenizer{noShortcut: true}
		nGot, nWant := fast.words(text, collect(&got)), slow.words(text, collect(&want))
		if nGot != nWant || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q:\n got %d %v\nwant %d %v", text, nGot, got, nWant, want)
		}
	})
}
