package search

import (
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
	pairShardSize = 2 << 10
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
				w.pairs = append(w.pairs, pairKey(x.stem, items[k].stem, d))
			}
		}
	}
	w.items = w.items[:0]
}

// pairList is the pages of one pair, Rice-coded (see appendRice).
type pairList struct {
	b    int32 // the rank of the second word's stem
	d    int32
	data []byte
}

// buildPairs lists, for each stem by rank, the pairs it starts, in the
// order of the rank of their second stem and their distance, each with
// its pages. The stems are dealt out to the cores; each core reads the
// pairs of every page and keeps those of its stems.
func buildPairs(ctx context.Context, results []docResult, rank []int32) [][]pairList {
	nStems := len(rank)
	out := make([][]pairList, nStems)
	parts := max(1, min(runtime.GOMAXPROCS(0), nStems/1024))
	total := 0
	for _, r := range results {
		total += len(r.pairs)
	}
	var wg sync.WaitGroup
	for part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each pair of the part is numbered as it comes; ids lists the
			// pair of each page's pairs, pages in order, a pair once a page.
			index := map[uint64]int32{}
			var keys []uint64
			var last, count []int32
			ids := make([]int32, 0, total/parts+total/8)
			ends := make([]int32, 0, len(results))
			for d, r := range results {
				if d%1024 == 0 && ctx.Err() != nil {
					return
				}
				for _, k := range r.pairs {
					if int(k>>36)%parts != part {
						continue
					}
					i, ok := index[k]
					if !ok {
						i = int32(len(keys))
						index[k] = i
						keys = append(keys, k)
						last = append(last, -1)
						count = append(count, 0)
					}
					if last[i] != int32(d) {
						last[i] = int32(d)
						count[i]++
						ids = append(ids, i)
					}
				}
				ends = append(ends, int32(len(ids)))
			}
			// The pages of each pair, one list after the other.
			start := make([]int32, len(keys)+1)
			for i, n := range count {
				start[i+1] = start[i] + n
			}
			next := last // reused: where the next page of each pair goes
			copy(next, start)
			pages := make([]int32, len(ids))
			d := int32(0)
			for j, i := range ids {
				for int32(j) >= ends[d] {
					d++
				}
				pages[next[i]] = d
				next[i]++
			}
			order := make([]int32, len(keys))
			for i := range order {
				order[i] = int32(i)
			}
			slices.SortFunc(order, func(x, y int32) int {
				ax, bx, dx := unpackPair(keys[x])
				ay, by, dy := unpackPair(keys[y])
				if c := rank[ax] - rank[ay]; c != 0 {
					return int(c)
				}
				if c := rank[bx] - rank[by]; c != 0 {
					return int(c)
				}
				return int(dx - dy)
			})
			buf := make([]byte, 0, len(ids)+8*len(keys))
			for _, i := range order {
				a, b, d := unpackPair(keys[i])
				from := len(buf)
				buf = appendRice(buf, pages[start[i]:start[i+1]])
				out[rank[a]] = append(out[rank[a]], pairList{b: rank[b], d: d, data: buf[from:len(buf):len(buf)]})
			}
		}()
	}
	wg.Wait()
	return out
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

// pairLayout lays the pair lists out in files of about pairShardSize,
// in the order of their first stem's rank, and returns the files and, for
// each stem by rank, its pair table (see appendPairTable).
func pairLayout(lists [][]pairList, shardOf, indexIn []int32, add func(n int, data []byte)) (tables [][]byte) {
	tables = make([][]byte, len(lists))
	buf := []byte{'"'}
	file, inFile := 0, 0
	for r, ls := range lists {
		if len(ls) == 0 {
			continue
		}
		var t []byte
		prevShard, prevIndex := int32(-1), int32(0)
		for i, l := range ls {
			newFile := 0
			if inFile > 0 && len(buf)+len(l.data) > pairShardSize {
				add(file, append(buf, '"'))
				buf = []byte{'"'}
				file++
				inFile = 0
				newFile = 1
			}
			if i == 0 {
				t = appendNum(t, uint64(file))
				t = appendNum(t, uint64(inFile))
				newFile = 0
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
			buf = append(buf, l.data...)
			inFile++
		}
		tables[r] = t
	}
	if inFile > 0 {
		add(file, append(buf, '"'))
	}
	return tables
}
