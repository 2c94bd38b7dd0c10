package search

import (
	"cmp"
	"context"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// Phrases are found with pairs of words: for each two words that follow
// each other in a text of a page, with at most maxSkip stop words (or
// words too long to index) between them, the pages that have them so.
// Positions are kept only for the stems of few occurrences
// (positionedMax) and for stop words; the others, found on most pages,
// would make the largest files of the index.
const (
	maxSkip       = 3
	maxPairSpan   = 255 // the largest distance between the starts of the words of a pair
	positionedMax = 1024
	pairShardSize = 3 << 10
	maxPairStem   = 1 << 28 // stems from this one on have no pairs (see pairKey)
)

// A pairItem is a word of the text being indexed that pairs are made of:
// not a stop word. A whole compound spans the positions of its parts;
// leaf is false for it.
type pairItem struct {
	stem, start, end int32
	leaf             bool
}

// pairKey packs a pair: the stem of the first word, the stem of the
// second, and how many positions after the first's start the second
// starts.
func pairKey(a, b, d int32) uint64 {
	return uint64(a)<<36 | uint64(b)<<8 | uint64(d)
}

func unpackPair(k uint64) (a, b, d int32) {
	return int32(k >> 36), int32(k >> 8 & (1<<28 - 1)), int32(k & 255)
}

// textPairs adds the pairs of the text just tokenized to w.pairs, and
// forgets its words. A word pairs with the next word that is not cut
// further, if at most maxSkip positions lie between them, and with every
// word that starts by then: "set .Page.IsZero" pairs set with page.iszero
// and page, page with iszero (whose "is" is a stop word) and with zero.
func (w *worker) textPairs() {
	items := w.items
	for i, x := range items {
		j := i + 1
		for j < len(items) && items[j].start <= x.end {
			j++
		}
		next := int32(-1)
		for k := j; k < len(items) && items[k].start-x.end-1 <= maxSkip; k++ {
			if items[k].leaf {
				next = items[k].start
				break
			}
		}
		if next < 0 {
			continue
		}
		for k := j; k < len(items) && items[k].start <= next; k++ {
			if d := items[k].start - x.start; d <= maxPairSpan {
				w.pairs.add(pairKey(x.stem, items[k].stem, d), w.docNum)
			}
		}
	}
	w.items = w.items[:0]
}

// A pairStore holds the pairs of the documents of one worker, which
// come in order: each pair's key, numbered as it first comes, and for
// each document, the numbers of its pairs. Pairs are found by key in an
// open-addressed table.
type pairStore struct {
	table []pairSlot
	keys  []uint64
	ids   [][]int32 // the pairs of each document, one after the other, in chunks of idChunk
	n     int32     // the number of ids
	docs  []int32   // the documents
	ends  []int32   // where the pairs of each document end among the ids
}

const idChunk = 1 << 16

type pairSlot struct {
	key  uint64
	id   int32 // the pair's number plus one; 0 for an empty slot
	last int32 // the last document that has the pair
}

// add records that document doc, the last one begun, has pair k.
func (s *pairStore) add(k uint64, doc int32) {
	if 2*len(s.keys) >= len(s.table) {
		s.grow()
	}
	mask := uint64(len(s.table) - 1)
	for h := k * 0x9e3779b97f4a7c15 >> 32 & mask; ; h = (h + 1) & mask {
		slot := &s.table[h]
		if slot.id == 0 {
			s.keys = append(s.keys, k)
			*slot = pairSlot{key: k, id: int32(len(s.keys)), last: doc}
			s.addID(slot.id - 1)
			return
		}
		if slot.key == k {
			if slot.last != doc {
				slot.last = doc
				s.addID(slot.id - 1)
			}
			return
		}
	}
}

func (s *pairStore) addID(id int32) {
	if s.n%idChunk == 0 {
		s.ids = append(s.ids, make([]int32, 0, idChunk))
	}
	c := &s.ids[len(s.ids)-1]
	*c = append(*c, id)
	s.n++
}

// endDoc ends the pairs of document doc.
func (s *pairStore) endDoc(doc int32) {
	if len(s.ends) == 0 || s.ends[len(s.ends)-1] < s.n {
		s.docs = append(s.docs, doc)
		s.ends = append(s.ends, s.n)
	}
}

// grow doubles the table, or makes its first.
func (s *pairStore) grow() {
	old := s.table
	s.table = make([]pairSlot, max(1024, 2*len(old)))
	mask := uint64(len(s.table) - 1)
	for _, slot := range old {
		if slot.id == 0 {
			continue
		}
		h := slot.key * 0x9e3779b97f4a7c15 >> 32 & mask
		for s.table[h].id != 0 {
			h = (h + 1) & mask
		}
		s.table[h] = slot
	}
}

// lists returns the documents of each pair, in order, one list after the
// other: pair i's are pages[start[i]:start[i+1]].
func (s *pairStore) lists() (pages, start []int32) {
	start = make([]int32, len(s.keys)+1)
	for _, c := range s.ids {
		for _, id := range c {
			start[id+1]++
		}
	}
	for i := range s.keys {
		start[i+1] += start[i]
	}
	next := slices.Clone(start[:len(s.keys)])
	pages = make([]int32, s.n)
	doc := 0
	for i, c := range s.ids {
		for j, id := range c {
			for int32(i*idChunk+j) >= s.ends[doc] {
				doc++
			}
			pages[next[id]] = s.docs[doc]
			next[id]++
		}
	}
	return pages, start
}

// pairList is the pages of one pair, Rice-coded (see appendRice), and
// where they are once laid out in files.
type pairList struct {
	b        int32 // the rank of the second word's stem
	d        int32
	data     []byte
	file, at int32
}

// buildPairs lists, for each stem by rank, the pairs it starts, in the
// order of the rank of their second stem and their distance, each with
// its pages: those of every worker, merged. The stems are split into
// ranges, one per core.
func buildPairs(ctx context.Context, stores []*pairStore, rank []int32) [][]pairList {
	type entry struct {
		key   uint64
		a, b  int32 // ranks
		store int32
		list  int32
	}
	var entries []entry
	pages := make([][]int32, len(stores))
	starts := make([][]int32, len(stores))
	for n, s := range stores {
		pages[n], starts[n] = s.lists()
		s.ids = nil
		for i, k := range s.keys {
			a, b, _ := unpackPair(k)
			entries = append(entries, entry{k, rank[a], rank[b], int32(n), int32(i)})
		}
	}
	docsOf := func(e entry) []int32 {
		return pages[e.store][starts[e.store][e.list]:starts[e.store][e.list+1]]
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		if x.b != y.b {
			return int(x.b - y.b)
		}
		if x.key != y.key {
			return cmp.Compare(x.key&255, y.key&255)
		}
		return int(x.store - y.store)
	})
	out := make([][]pairList, len(rank))
	parts := max(1, min(runtime.GOMAXPROCS(0), len(entries)/4096))
	var wg sync.WaitGroup
	lo := 0
	for part := range parts {
		// Each part ends with the pairs of a stem.
		hi := len(entries) * (part + 1) / parts
		for hi > lo && hi < len(entries) && entries[hi].a == entries[hi-1].a {
			hi++
		}
		wg.Add(1)
		go func(entries []entry) {
			defer wg.Done()
			n := 0
			for _, e := range entries {
				n += len(docsOf(e))
			}
			buf := make([]byte, 0, n+8*len(entries))
			var merged [2][]int32 // used in turn
			for i := 0; i < len(entries); {
				if i%4096 == 0 && ctx.Err() != nil {
					return
				}
				e := entries[i]
				j := i + 1
				docs := docsOf(e)
				for ; j < len(entries) && entries[j].key == e.key; j++ {
					m := &merged[(j-i)%2]
					*m = mergeDocs((*m)[:0], docs, docsOf(entries[j]))
					docs = *m
				}
				from := len(buf)
				buf = appendRice(buf, docs)
				_, _, d := unpackPair(e.key)
				out[e.a] = append(out[e.a], pairList{b: e.b, d: d, data: buf[from:len(buf):len(buf)]})
				i = j
			}
		}(entries[lo:hi])
		lo = hi
	}
	wg.Wait()
	return out
}

// mergeDocs appends to dst the pages of x and y, which are in order, in
// order.
func mergeDocs(dst, x, y []int32) []int32 {
	for len(x) > 0 && len(y) > 0 {
		if x[0] < y[0] {
			dst, x = append(dst, x[0]), x[1:]
		} else {
			dst, y = append(dst, y[0]), y[1:]
		}
	}
	return append(append(dst, x...), y...)
}

// appendRice appends a set of pages, given in order, Rice-coded: their
// number, k, and then for each page the gap g from the previous page
// (the first page's gap counted from -1), less one: g >> k in unary (as
// many one bits, then a zero bit) and the k low bits of g, least
// significant first. The bits fill digits of six bits, from the lowest
// bit up; the last digit is filled with zero bits. k is chosen for the
// fewest bits.
func appendRice(b []byte, docs []int32) []byte {
	n := len(docs)
	gaps := int(docs[n-1]) + 1 - n
	k0 := bits.Len(uint(gaps / n))
	cost := func(k int) int {
		c, prev := n*(1+k), int32(-1)
		for _, d := range docs {
			c += int(d-prev-1) >> k
			prev = d
		}
		return c
	}
	k, best := k0, cost(k0)
	for _, kk := range []int{k0 - 2, k0 - 1, k0 + 1} {
		if kk >= 0 {
			if c := cost(kk); c < best {
				k, best = kk, c
			}
		}
	}
	b = appendNum(b, uint64(n))
	b = appendNum(b, uint64(k))
	var acc, nacc uint
	put := func(bit uint) {
		acc |= bit << nacc
		if nacc++; nacc == 6 {
			b = append(b, digits[acc])
			acc, nacc = 0, 0
		}
	}
	prev := int32(-1)
	for _, d := range docs {
		g := uint(d - prev - 1)
		prev = d
		for q := g >> k; q > 0; q-- {
			put(1)
		}
		put(0)
		for i := range k {
			put(g >> i & 1)
		}
	}
	if nacc > 0 {
		b = append(b, digits[acc])
	}
	return b
}

// readRice reads what appendRice wrote.
func readRice(s string, i int) (docs []int32, next int, ok bool) {
	n, i, ok := readNum(s, i)
	if !ok {
		return nil, i, false
	}
	k, i, ok := readNum(s, i)
	if !ok {
		return nil, i, false
	}
	bit := 6
	var cur int8
	get := func() (uint, bool) {
		if bit == 6 {
			if i >= len(s) || digitValue[s[i]] < 0 {
				return 0, false
			}
			cur, bit = digitValue[s[i]], 0
			i++
		}
		v := uint(cur) >> bit & 1
		bit++
		return v, true
	}
	doc := int32(-1)
	for range n {
		var g uint
		for {
			v, ok := get()
			if !ok {
				return nil, i, false
			}
			if v == 0 {
				break
			}
			g++
		}
		g <<= k
		for j := range k {
			v, ok := get()
			if !ok {
				return nil, i, false
			}
			g |= v << j
		}
		doc += int32(g) + 1
		docs = append(docs, doc)
	}
	return docs, i, true
}

// pairFiles lays the pair lists out in files of about pairShardSize, in
// the order of their first stem's rank, and notes in each list its file
// and its place there.
func pairFiles(lists [][]pairList, add func(n int, data []byte)) {
	// The size of a file counts its payload, from its opening quote.
	head := 0
	start := func(n int32) []byte {
		b := wrapOpen(make([]byte, 0, pairShardSize+64), fileStem('x', int(n)))
		head = len(b)
		return append(b, '"')
	}
	buf := start(0)
	file, inFile := int32(0), int32(0)
	for _, ls := range lists {
		for i := range ls {
			l := &ls[i]
			if inFile > 0 && len(buf)-head+len(l.data) > pairShardSize {
				add(int(file), wrapClose(append(buf, '"')))
				file++
				buf = start(file)
				inFile = 0
			}
			l.file, l.at = file, inFile
			buf = append(buf, l.data...)
			l.data = nil
			inFile++
		}
	}
	if inFile > 0 {
		add(int(file), wrapClose(append(buf, '"')))
	}
}

// appendPairTable appends the pair table of a stem whose pairs are ls,
// laid out by pairFiles (see the phrases shards in the package doc).
func appendPairTable(t []byte, ls []pairList, shardOf, indexIn []int32) []byte {
	prevShard, prevIndex := int32(-1), int32(0)
	for i, l := range ls {
		newFile := 0
		if i == 0 {
			t = appendNum(t, uint64(l.file))
			t = appendNum(t, uint64(l.at))
		} else if l.file != ls[i-1].file {
			newFile = 1
		}
		s, x := shardOf[l.b], indexIn[l.b]
		switch {
		case prevShard < 0:
			t = appendNum(t, uint64(s))
			t = appendNum(t, uint64(x))
		case s == prevShard:
			t = appendNum(t, 0)
			t = appendNum(t, uint64(x-prevIndex))
		default:
			t = appendNum(t, uint64(s-prevShard))
			t = appendNum(t, uint64(x))
		}
		prevShard, prevIndex = s, x
		t = appendNum(t, uint64(l.d)*2+uint64(newFile))
	}
	return t
}
