package search

import (
	"unicode"
	"unicode/utf8"
)

// maxWord is the longest word indexed, in runes. Longer runs of letters
// are hashes, encoded data or URLs nobody searches for; their parts are
// still indexed when they are short enough.
const maxWord = 40

// A tokenizer splits text into words, lowercased and folded. It keeps its
// buffers between calls, so it is not safe for concurrent use.
type tokenizer struct {
	run    []rune // the current run of word characters and joiners
	segs   []span // the run cut at its joiners
	humps  []span // the segments cut at their camelCase humps
	segEnd []int  // where the humps of each segment end in humps
	buf    []byte
	at     int  // the position of the next word
	cjk    bool // the run is of Chinese, Japanese or Korean letters
	mixed  bool // the run has a joiner, or after its first letter one that is not a lower-case ASCII letter or digit

	noShortcut bool // for tests: every word the long way, rune by rune
}

type span struct{ start, end int }

// A wordKind says where a word comes from: a run of its own, a whole
// compound (snake_case, camelCase, ...), or a part of one.
type wordKind uint8

const (
	single wordKind = iota
	whole
	part
)

// An emitFunc receives a word, its kind, its position and the number of
// positions it takes: one, or for a whole compound one per part not cut
// further. The slice w is reused after it returns.
type emitFunc func(w []byte, kind wordKind, at, n int)

// words calls emit for every word of text, in order, with its position,
// and returns the number of positions text takes. A run of letters and
// digits joined by '_', '-' or '.', or written in camelCase, is a compound
// (snake_case, kebab-case, config.base_url, baseURL): it is emitted whole,
// with its joiners, and then part by part, a camelCase part of a joined
// run whole and then hump by hump: ".Page.IsZero" gives page.iszero, page,
// iszero, is and zero. Each word of its own takes a position, and so does
// each part of a compound that is not cut further: a compound takes the
// position of its first part, so that "page.iszero" is at 0, "page" at 0,
// "iszero" and "is" at 1, "zero" at 2, and the next word at 3. A word too
// long to index still takes its position.
//
// Chinese, Japanese and Korean text (Han, Hiragana, Katakana and Hangul
// letters) is not cut into words by spaces, so a run of its letters is
// indexed as overlapping pairs of letters, each at its own position:
// "検索エンジン" gives 検索 at 0, 索エ at 1, エン at 2, ンジ at 3 and ジン at 4.
// A letter on its own is indexed alone.
func (t *tokenizer) words(text string, emit emitFunc) int {
	t.run = t.run[:0]
	t.at = 0
	for i := 0; i < len(text); {
		if len(t.run) == 0 && !t.noShortcut {
			if n := plainWord(text[i:]); n > 0 {
				// Most words: ASCII letters and digits, only the first
				// in upper case, then a space or punctuation.
				if n <= maxWord {
					t.buf = append(t.buf[:0], text[i:i+n]...)
					if c := t.buf[0]; 'A' <= c && c <= 'Z' {
						t.buf[0] = c + 'a' - 'A'
					}
					emit(t.buf, single, t.at, 1)
				}
				t.at++
				i += n
				continue
			}
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		cjk := r >= utf8.RuneSelf && isCJK(r)
		switch {
		case r < utf8.RuneSelf && asciiWord[r] || r >= utf8.RuneSelf && (cjk || isWordRune(r)):
			if cjk != t.cjk && len(t.run) > 0 {
				t.flush(emit)
			}
			t.cjk = cjk
			if len(t.run) > 0 && !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				t.mixed = true
			}
			t.run = append(t.run, r)
			continue
		case isJoiner(r) && len(t.run) > 0 && !t.cjk && i < len(text):
			next, _ := utf8.DecodeRuneInString(text[i:])
			if isWordRune(next) && !isCJK(next) {
				t.run = append(t.run, r)
				t.mixed = true
				continue
			}
		}
		t.flush(emit)
	}
	t.flush(emit)
	return t.at
}

// plainWord returns the length of the word that starts text when it is
// one the long way would emit alone and as it is, but for its first
// letter in lower case: ASCII letters and digits, none in upper case after
// the first, followed by the end of text or by an ASCII character that
// neither continues nor joins words. Otherwise it returns 0.
func plainWord(text string) int {
	if c := text[0]; c >= utf8.RuneSelf || !asciiWord[c] {
		return 0
	}
	n := 1
	for n < len(text) && ('a' <= text[n] && text[n] <= 'z' || '0' <= text[n] && text[n] <= '9') {
		n++
	}
	if n < len(text) {
		if c := text[n]; c >= utf8.RuneSelf || asciiWord[c] || isJoiner(rune(c)) {
			return 0
		}
	}
	return n
}

func (t *tokenizer) flush(emit emitFunc) {
	run := t.run
	if len(run) == 0 {
		return
	}
	t.run = t.run[:0]
	mixed := t.mixed
	t.mixed = false
	if t.cjk {
		t.cjk = false
		if len(run) == 1 {
			t.emit(emit, run, single, t.at, 1)
			t.at++
			return
		}
		for i := 0; i+1 < len(run); i++ {
			t.emit(emit, run[i:i+2], single, t.at, 1)
			t.at++
		}
		return
	}
	if !mixed {
		// Lower-case letters and digits after the first: no joiner, no
		// hump.
		t.emit(emit, run, single, t.at, 1)
		t.at++
		return
	}
	// The run cut at its joiners, and each piece at its humps: segEnd[i]
	// is where the humps of piece i end in t.humps.
	t.segs = splitJoiners(run, t.segs[:0])
	t.humps, t.segEnd = t.humps[:0], t.segEnd[:0]
	for _, seg := range t.segs {
		t.humps = splitHumps(run, seg, t.humps)
		t.segEnd = append(t.segEnd, len(t.humps))
	}
	if len(t.humps) == 1 {
		t.emit(emit, run, single, t.at, 1)
		t.at++
		return
	}
	t.emit(emit, run, whole, t.at, len(t.humps))
	start := 0
	for i, seg := range t.segs {
		humps := t.humps[start:t.segEnd[i]]
		start = t.segEnd[i]
		if len(humps) == 1 {
			t.emit(emit, run[seg.start:seg.end], part, t.at, 1)
			t.at++
			continue
		}
		if len(t.segs) > 1 {
			t.emit(emit, run[seg.start:seg.end], whole, t.at, len(humps))
		}
		for _, h := range humps {
			t.emit(emit, run[h.start:h.end], part, t.at, 1)
			t.at++
		}
	}
}

func (t *tokenizer) emit(emit emitFunc, runes []rune, kind wordKind, at, n int) {
	if len(runes) <= maxWord {
		t.buf = fold(t.buf[:0], runes)
		emit(t.buf, kind, at, n)
	}
}

// splitJoiners cuts a run at its joiners.
func splitJoiners(run []rune, segs []span) []span {
	start := 0
	for i, r := range run {
		if isJoiner(r) {
			segs = append(segs, span{start, i})
			start = i + 1
		}
	}
	return append(segs, span{start, len(run)})
}

// splitHumps cuts a segment of a run where its case changes: before an
// upper-case letter that follows a lower-case one (camelCase), and before
// the last of several capitals followed by two or more lower-case letters
// (HTTPServer). A plural acronym stays whole (KPIs).
func splitHumps(run []rune, seg span, humps []span) []span {
	start := seg.start
	for i := seg.start + 1; i < seg.end; i++ {
		prev, r := run[i-1], run[i]
		if isLower(prev) && isUpper(r) ||
			isUpper(prev) && isUpper(r) && i+2 < seg.end && isLower(run[i+1]) && isLower(run[i+2]) {
			humps = append(humps, span{start, i})
			start = i
		}
	}
	return append(humps, span{start, seg.end})
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (m [utf8.RuneSelf]bool) {
	for r := range utf8.RuneSelf {
		m[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return m
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isJoiner(r rune) bool { return r == '_' || r == '-' || r == '.' }

// isCJK reports whether r is a letter of Chinese, Japanese or Korean text:
// Han, Hiragana, Katakana or Hangul, or the Katakana long vowel mark.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 'ー'
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// fold appends the runes to b in lower case, with the accents of Latin
// letters removed (é -> e) and combining accents dropped, so that "Tomás"
// is found by "tomas". The browser folds queries the same way: lower
// case, then canonical decomposition of Latin letters, keeping the base
// letter when what follows it is only accents (U+0300 to U+036F).
func fold(b []byte, runes []rune) []byte {
	for _, r := range runes {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		case 0x300 <= r && r <= 0x36f:
			continue
		}
		r = unicode.ToLower(r)
		if base, ok := latinBase[r]; ok {
			r = base
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// latinBase maps the lower-case Latin letters of U+00C0 to U+024F and
// U+1E00 to U+1EFF whose canonical decomposition is an ASCII letter
// followed by accents to that letter.
var latinBase = func() map[rune]rune {
	const pairs = "àaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûuüuýyÿyāaăaąaćcĉcċcčcďdēeĕeėeęeěe" +
		"ĝgğgġgģgĥhĩiīiĭiįiĵjķkĺlļlľlńnņnňnōoŏoőoŕrŗrřrśsŝsşsšsţtťtũuūuŭuůuűuųuŵwŷyźzżzžzơoưuǎaǐiǒo" +
		"ǔuǖuǘuǚuǜuǟaǡaǧgǩkǫoǭoǰjǵgǹnǻaȁaȃaȅeȇeȉiȋiȍoȏoȑrȓrȕuȗușsțtȟhȧaȩeȫoȭoȯoȱoȳyḁaḃbḅbḇbḉcḋdḍdḏdḑd" +
		"ḓdḕeḗeḙeḛeḝeḟfḡgḣhḥhḧhḩhḫhḭiḯiḱkḳkḵkḷlḹlḻlḽlḿmṁmṃmṅnṇnṉnṋnṍoṏoṑoṓoṕpṗpṙrṛrṝrṟrṡsṣsṥsṧsṩsṫtṭt" +
		"ṯtṱtṳuṵuṷuṹuṻuṽvṿvẁwẃwẅwẇwẉwẋxẍxẏyẑzẓzẕzẖhẗtẘwẙyạaảaấaầaẩaẫaậaắaằaẳaẵaặaẹeẻeẽeếeềeểeễeệeỉi" +
		"ịiọoỏoốoồoổoỗoộoớoờoởoỡoợoụuủuứuừuửuữuựuỳyỵyỷyỹy"
	m := map[rune]rune{}
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()
