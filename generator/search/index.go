package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// A Doc is a page to index.
type Doc struct {
	// URL is the page's path on the site without the base path:
	// "/playbooks/triage/".
	URL string
	// Title, Description, Tags, Team and Owner come from front matter;
	// Section is the trail of section titles shown with a result
	// ("Onboarding › New PM onboarding"); Type is the page's type.
	Title, Section, Description string
	Type, Team, Owner           string
	Tags                        []string
	// Blocks are the page's text, one per heading, in order.
	Blocks []Block
	// Extra are further short texts indexed with the description: the
	// titles of roadmap items, the names of KPIs, a lesson's outcomes.
	Extra []string
}

// A Block is the text below one heading of a page (or before the first).
type Block struct {
	Anchor  string // the heading's id; "" before the first heading
	Heading string
	Text    string
}

// A File is one file of the index, named relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Stats describe a built index.
type Stats struct {
	Docs, Words, Stems, Postings int
	// Bytes counts the bytes of each kind of file: "manifest",
	// "dictionary", "postings", "phrases", "pairs", "fragments", "prefixes",
	// "facets".
	Bytes map[string]int
	// Files counts the files of each kind.
	Files map[string]int
}

// An Index is the files of a built index.
type Index struct {
	Files []File // the manifest first, then the rest sorted by name
	Stats Stats
}

// Fields of the index. Every posting carries a term's frequency in each.
const (
	fieldTitle = iota
	fieldHeading
	fieldMeta // description, tags, team, owner, type, section, extra
	fieldBody
	numFields
)

var fieldNames = [numFields]string{"title", "heading", "meta", "body"}

// lengthNorm is BM25's b for each field: how much a field's length, relative
// to the average, dampens the weight of the terms in it.
var lengthNorm = [numFields]float64{0.5, 0.5, 0.5, 0.75}

// Target sizes of the shards, before compression.
const (
	dictShardSize     = 1 << 10
	postingsShardSize = 3 << 10
	phrasesShardSize  = 1 << 10
	fragmentGroupSize = 2 << 10
	snippetRunes      = 100
	shortResults      = 10
)

// Build indexes docs. Doc i of the index is docs[i]. The result depends
// only on docs, never on scheduling.
func Build(docs []Doc) *Index {
	ix, _ := BuildContext(context.Background(), docs)
	return ix
}

// BuildContext is Build, given up as soon as it can be once ctx is done,
// with ctx's error: a preview drops the index of a site that changed
// again while it was being built.
func BuildContext(ctx context.Context, docs []Doc) (*Index, error) {
	return BuildEarly(ctx, docs, nil)
}

// BuildEarly is BuildContext, handing over the files of each kind as soon
// as they are made, so that they can be written while the rest of the
// index is built: early is called with them, from the goroutine that
// called BuildEarly, and must not wait for them to be written. Those
// files are not in the returned Index, whose Stats count them; early is
// never called with the manifest.
func BuildEarly(ctx context.Context, docs []Doc, early func([]File)) (*Index, error) {
	ix := &Index{Stats: Stats{Docs: len(docs), Bytes: map[string]int{}, Files: map[string]int{}}}
	out := &folders{ix: ix, early: early, names: map[string]string{}}
	fragFirst := fragmentFiles(docs, out)
	v := newVocab()
	results := make([]docResult, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := make([]*worker, max(1, min(runtime.GOMAXPROCS(0), len(docs))))
	for n := range workers {
		w := newWorker(v)
		workers[n] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) || ctx.Err() != nil {
					return
				}
				results[i] = w.doc(&docs[i], int32(i))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stores := make([]*pairStore, len(workers))
	for n, w := range workers {
		stores[n] = &w.pairs
	}
	return assemble(ctx, docs, v, results, stores, out, fragFirst)
}

// vocab interns the words and stems of the whole site.
type vocab struct {
	mu       sync.Mutex
	words    map[string]int32
	wordText []string
	wordStem []int32
	stems    map[string]int32
	stemText []string
}

func newVocab() *vocab {
	return &vocab{words: map[string]int32{}, stems: map[string]int32{}}
}

func (v *vocab) intern(word string) wordRef {
	st := stem(word)
	keep := stopStems[st]
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.words[word]; ok {
		return wordRef{word: id, stem: v.wordStem[id], keep: keep}
	}
	sid, ok := v.stems[st]
	if !ok {
		sid = int32(len(v.stemText))
		v.stems[st] = sid
		v.stemText = append(v.stemText, st)
	}
	id := int32(len(v.wordText))
	v.words[word] = id
	v.wordText = append(v.wordText, word)
	v.wordStem = append(v.wordStem, sid)
	return wordRef{word: id, stem: sid, keep: keep}
}

type wordRef struct {
	word, stem int32 // -1 while a stop word is not interned
	stop       bool
	keep       bool // the stem is a stop word's, whose positions are kept
}

// A wordCache holds the references of the words a worker has seen: an
// open-addressed table, looked up for every word of every page, which
// does with less than a map.
type wordCache struct {
	seed  maphash.Seed
	slots []cacheSlot
	n     int
}

type cacheSlot struct {
	word string
	ref  wordRef
	used bool
}

// slot returns the slot of word b, or the empty slot where it would go.
func (c *wordCache) slot(b []byte) *cacheSlot {
	mask := uint64(len(c.slots) - 1)
	for h := maphash.Bytes(c.seed, b) & mask; ; h = (h + 1) & mask {
		s := &c.slots[h]
		if !s.used || s.word == string(b) {
			return s
		}
	}
}

func (c *wordCache) get(b []byte) (wordRef, bool) {
	if c.n == 0 {
		return wordRef{}, false
	}
	s := c.slot(b)
	return s.ref, s.used
}

// put sets the reference of a word.
func (c *wordCache) put(word string, ref wordRef) {
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots = make([]cacheSlot, max(1024, 2*len(old)))
		for _, s := range old {
			if s.used {
				*c.slot([]byte(s.word)) = s
			}
		}
	}
	s := c.slot([]byte(word))
	if !s.used {
		c.n++
	}
	*s = cacheSlot{word: word, ref: ref, used: true}
}

// termAcc accumulates one stem's occurrences in the document being
// indexed, and the block where it weighs most.
type termAcc struct {
	gen                int32
	tf                 [numFields]int32
	blk, blkScore      int32
	bestBlk, bestScore int32
	titleWord          bool  // a word of the title (a compound counting as one), not a stop word
	keep               bool  // the stem's positions are kept whatever their number
	npos, pos          int32 // the number of positions, and where they start in worker.byStem
}

type docTerm struct {
	stem int32
	tf   [numFields]uint16
	blk  uint16 // block index + 1 where the term weighs most; 0 for none
	kept bool   // the term's positions are in docResult.positions
}

// occurrences is the number of positions of the term.
func (t *docTerm) occurrences() int32 {
	n := int32(0)
	for _, f := range t.tf {
		n += int32(f)
	}
	return n
}

// A stemAt is a stem at a position of the document.
type stemAt struct{ stem, at int32 }

// A shortHit is the first one or two letters of a word of a title or a
// description, as a prefixKey, and how much a page having it weighs.
type shortHit struct {
	prefix uint64
	score  int8
}

// prefixKey packs the bytes of one or two letters (at most eight bytes)
// into a number, the first byte highest: the numbers sort as the strings
// do.
func prefixKey(b []byte) uint64 {
	var k uint64
	for i, c := range b {
		k |= uint64(c) << (56 - 8*i)
	}
	return k
}

// prefixString is the string of a prefixKey.
func prefixString(k uint64) string {
	var b [8]byte
	n := 0
	for ; n < 8 && k>>(56-8*n)&0xff != 0; n++ {
		b[n] = byte(k >> (56 - 8*n))
	}
	return string(b[:n])
}

type docResult struct {
	terms      []docTerm
	titleTerms int // distinct words of the title, stop words aside, a compound counting as one
	lens       [numFields]int32
	short      []shortHit
	positions  []int32 // for each term that keeps them, in order: their number, then the positions
}

type worker struct {
	v       *vocab
	tok     tokenizer
	cache   wordCache
	acc     []termAcc
	touched []int32
	gen     int32

	// The field and block of the text being tokenized, and the document's
	// field lengths and short prefixes.
	field      int
	block      int32
	firstTitle bool
	lens       [numFields]int32
	short      []shortHit
	emitFn     emitFunc

	// The position of the text being tokenized in the document, the
	// position of every stem indexed so far, and the same positions
	// grouped by stem.
	base   int32
	pos    []stemAt
	byStem []int32

	// The number of positions of each stem in the documents of this
	// worker: once it passes positionedMax, the stem cannot keep its
	// positions, and they are no longer copied.
	occurrences []int32

	// The number of the document being indexed, the words of the text
	// being tokenized that make pairs, and the pairs of the documents of
	// this worker.
	docNum int32
	items  []pairItem
	pairs  pairStore
}

func newWorker(v *vocab) *worker {
	w := &worker{v: v, cache: wordCache{seed: maphash.MakeSeed()}}
	w.emitFn = w.emit
	return w
}

// add indexes text as part of a field. Its words take the positions
// after those of the text before it, one left free between them, so that
// no phrase is found across two texts.
func (w *worker) add(field int, block int32, text string) {
	w.field, w.block = field, block
	if n := w.tok.words(text, w.emitFn); n > 0 {
		w.textPairs()
		w.base += int32(n) + 1
	}
}

func (w *worker) emit(b []byte, kind wordKind, at, n int) {
	ref, ok := w.cache.get(b)
	if !ok {
		word := string(b)
		if kind != whole && stopSet[word] {
			ref = wordRef{word: -1, stem: -1, stop: true}
		} else {
			ref = w.v.intern(word)
		}
		w.cache.put(word, ref)
	}
	if ref.stop {
		if w.field >= fieldMeta {
			return
		}
		if ref.word < 0 {
			word := string(b)
			ref = w.v.intern(word)
			ref.stop = true
			w.cache.put(word, ref)
		}
	}
	w.lens[w.field]++
	w.pos = append(w.pos, stemAt{ref.stem, w.base + int32(at)})
	if !ref.stop && ref.stem < maxPairStem {
		start := w.base + int32(at)
		w.items = append(w.items, pairItem{ref.stem, start, start + int32(n) - 1, kind != whole})
	}
	if int(ref.stem) >= len(w.acc) {
		w.acc = slices.Grow(w.acc, int(ref.stem)+1-len(w.acc)+len(w.acc)/2)
		w.acc = w.acc[:cap(w.acc)]
	}
	a := &w.acc[ref.stem]
	if a.gen != w.gen {
		*a = termAcc{gen: w.gen, blk: -1, bestBlk: -1}
		w.touched = append(w.touched, ref.stem)
	}
	a.tf[w.field]++
	a.npos++
	a.keep = a.keep || ref.keep
	if w.field == fieldTitle && !ref.stop && kind != part {
		a.titleWord = true
	}
	if w.field == fieldHeading || w.field == fieldBody {
		if a.blk != w.block {
			a.closeBlock()
			a.blk, a.blkScore = w.block, 0
		}
		if w.field == fieldHeading {
			a.blkScore += 3
		} else {
			a.blkScore++
		}
	}
	if !ref.stop && kind != whole && (w.field == fieldTitle || w.field == fieldMeta) {
		score := int8(2)
		if w.field == fieldTitle {
			score = 4
			if w.firstTitle {
				score = 6
			}
		}
		w.shortPrefixes(b, score)
	}
	if w.field == fieldTitle {
		w.firstTitle = false
	}
}

func (a *termAcc) closeBlock() {
	if a.blk >= 0 && a.blkScore > a.bestScore {
		a.bestBlk, a.bestScore = a.blk, a.blkScore
	}
}

// shortPrefixes records the first one and two letters of a word of the
// title or description, for the answers to one- and two-letter queries.
func (w *worker) shortPrefixes(b []byte, score int8) {
	_, n1 := utf8.DecodeRune(b)
	w.short = append(w.short, shortHit{prefixKey(b[:n1]), score})
	if n1 < len(b) {
		_, n2 := utf8.DecodeRune(b[n1:])
		w.short = append(w.short, shortHit{prefixKey(b[:n1+n2]), score})
	}
}

func (w *worker) doc(d *Doc, num int32) docResult {
	w.gen++
	w.docNum = num
	w.touched = w.touched[:0]
	w.lens = [numFields]int32{}
	w.short = w.short[:0]
	w.base, w.pos = 0, w.pos[:0]
	w.items = w.items[:0]

	w.firstTitle = true
	w.add(fieldTitle, -1, d.Title)
	for _, s := range []string{d.Description, d.Team, d.Owner, d.Type, d.Section} {
		w.add(fieldMeta, -1, s)
	}
	for _, s := range d.Tags {
		w.add(fieldMeta, -1, s)
	}
	for _, s := range d.Extra {
		w.add(fieldMeta, -1, s)
	}
	for i, b := range d.Blocks {
		w.add(fieldHeading, int32(i), b.Heading)
		w.add(fieldBody, int32(i), b.Text)
	}

	w.pairs.endDoc(num)
	res := docResult{lens: w.lens, short: dedupeShort(w.short)}
	res.terms = make([]docTerm, len(w.touched))
	// The positions grouped by stem, each stem's in the order they came.
	n := int32(0)
	for _, s := range w.touched {
		a := &w.acc[s]
		a.pos = n
		n += a.npos
		a.npos = 0
	}
	w.byStem = slices.Grow(w.byStem[:0], int(n))[:n]
	for _, p := range w.pos {
		a := &w.acc[p.stem]
		w.byStem[a.pos+a.npos] = p.at
		a.npos++
	}
	// The positions of the terms that may keep them.
	kept := 0
	for _, s := range w.touched {
		if int(s) >= len(w.occurrences) {
			w.occurrences = slices.Grow(w.occurrences, int(s)+1-len(w.occurrences)+len(w.occurrences)/2)
			w.occurrences = w.occurrences[:cap(w.occurrences)]
		}
		a := &w.acc[s]
		w.occurrences[s] += a.npos
		if a.keep || w.occurrences[s] <= positionedMax {
			kept += 1 + int(a.npos)
		}
	}
	res.positions = make([]int32, 0, kept)
	for i, s := range w.touched {
		a := &w.acc[s]
		if a.titleWord {
			res.titleTerms++
		}
		a.closeBlock()
		t := docTerm{stem: s, blk: uint16(a.bestBlk + 1)}
		if a.keep || w.occurrences[s] <= positionedMax {
			t.kept = true
			res.positions = append(res.positions, a.npos)
			res.positions = append(res.positions, w.byStem[a.pos:a.pos+a.npos]...)
		}
		for f := range numFields {
			t.tf[f] = uint16(min(a.tf[f], math.MaxUint16))
		}
		res.terms[i] = t
	}
	return res
}

// appendPositions appends the positions of one stem in a document, which
// come in order, some maybe twice: for one position, the position times
// two plus one; for several, their number times two, the first, and the
// gap before each other minus one.
func appendPositions(b []byte, ps []int32) []byte {
	n := 1
	for i := 1; i < len(ps); i++ {
		if ps[i] != ps[i-1] {
			n++
		}
	}
	if n == 1 {
		return appendNum(b, uint64(ps[0])*2+1)
	}
	b = appendNum(b, uint64(n)*2)
	b = appendNum(b, uint64(ps[0]))
	for i := 1; i < len(ps); i++ {
		if ps[i] != ps[i-1] {
			b = appendNum(b, uint64(ps[i]-ps[i-1]-1))
		}
	}
	return b
}

// dedupeShort keeps the best score of each prefix, in a slice of its own.
func dedupeShort(hits []shortHit) []shortHit {
	slices.SortFunc(hits, func(a, b shortHit) int {
		if a.prefix != b.prefix {
			return cmp.Compare(a.prefix, b.prefix)
		}
		return int(b.score) - int(a.score)
	})
	return slices.Clone(slices.CompactFunc(hits, func(a, b shortHit) bool { return a.prefix == b.prefix }))
}

// fragmentBody is what a result shows of a page but for its address and
// section, in its fragment (see fragmentFiles): its title, description
// and blocks, each a heading and a snippet. A page without a description
// shows the snippet of its first block. A heading whose anchor is not its
// plain slug (see plainSlug), which the browser makes again, is written
// [anchor, heading].
func fragmentBody(d *Doc) []byte {
	n := len(d.Title) + len(d.Description) + 8
	for _, b := range d.Blocks {
		n += len(b.Heading) + snippetRunes + 8
	}
	b := make([]byte, 0, n)
	b = appendJSONString(b, d.Title)
	b = append(b, ',')
	b = appendJSONString(b, d.Description)
	for _, bl := range d.Blocks {
		b = append(b, ',')
		if s, ok := plainSlug(bl.Heading); ok && s == bl.Anchor || bl.Anchor == "" && bl.Heading == "" {
			b = appendJSONString(b, bl.Heading)
		} else {
			b = append(b, '[')
			b = appendJSONString(b, bl.Anchor)
			b = append(b, ',')
			b = appendJSONString(b, bl.Heading)
			b = append(b, ']')
		}
		b = append(b, ',', '"')
		b = appendSnippet(b, bl.Text, snippetRunes, appendJSONText)
		b = append(b, '"')
	}
	return b
}

// plainSlug returns the id a heading of ASCII text gets, when it has no
// other: lower case, letters, digits, '-' and '_' kept, spaces made '-',
// the rest dropped. ok is false for other text, and for a heading whose
// slug would be empty.
func plainSlug(heading string) (slug string, ok bool) {
	b := make([]byte, 0, len(heading))
	for i := 0; i < len(heading); i++ {
		c := heading[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
			b = append(b, c)
		case c == ' ':
			b = append(b, '-')
		}
	}
	return string(b), len(b) > 0
}

// snippet returns the start of text, spaces collapsed: its first whole
// sentences when they fill at least a third of n runes, else its first
// words, cut after at most n runes. It reads no further than it needs.
func snippet(text string, n int) string {
	return string(appendSnippet(nil, text, n, func(b []byte, s string) []byte { return append(b, s...) }))
}

// appendSnippet appends the snippet of text (see snippet) to b, each word
// through add.
func appendSnippet(b []byte, text string, n int, add func([]byte, string) []byte) []byte {
	start := len(b)
	runes, sentenceEnd, sentenceRunes := 0, start, 0
	for {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		if text == "" {
			return b
		}
		end := strings.IndexFunc(text, unicode.IsSpace)
		if end < 0 {
			end = len(text)
		}
		f := text[:end]
		text = text[end:]
		k := utf8.RuneCountInString(f)
		if runes > 0 {
			if runes+1+k > n {
				break
			}
			b = append(b, ' ')
			runes++
		} else if k > n {
			i := 0
			for j := range f {
				if i == n {
					f = f[:j]
					break
				}
				i++
			}
			return append(add(b, f), "…"...)
		}
		b = add(b, f)
		runes += k
		if strings.IndexByte(".!?", f[len(f)-1]) >= 0 {
			sentenceEnd, sentenceRunes = len(b), runes
		}
	}
	if sentenceRunes >= n/3 {
		return b[:sentenceEnd]
	}
	return append(b, " …"...)
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// without escaping HTML.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONText(b, s)
	return append(b, '"')
}

// appendJSONText appends s escaped for a JSON string, without quotes:
// quotes, backslashes and control characters escaped, U+2028 and U+2029
// too, and bytes that are not UTF-8 made U+FFFD.
func appendJSONText(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	from := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[from:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			from = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[from:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			from = i
			continue
		}
		i += size
	}
	return append(b, s[from:]...)
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("search: encoding %T: %v", v, err)) // only strings, numbers and slices
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// compareUTF16 orders strings as JavaScript does: by UTF-16 code units.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := utf16Key(ra), utf16Key(rb)
			if ua != ub {
				return int(ua) - int(ub)
			}
			return int(ra) - int(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// utf16Key is the first UTF-16 code unit of r.
func utf16Key(r rune) rune {
	if r >= 0x10000 {
		r1, _ := utf16.EncodeRune(r)
		return r1
	}
	return r
}
