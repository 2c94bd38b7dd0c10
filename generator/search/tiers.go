package search

import (
	"iter"
	"math"
	"slices"
)

// A word found on most pages adds little to a page's score (its idf is
// small), yet its full postings list would be the largest file a query
// loads. So a list of more than tierAbove pages keeps in full only its
// headSize postings of most weight; the other pages are listed in at most
// two tiers, each a set of pages sharing one posting: the pages that have
// the word in their title, and the rest. A tier's posting is that of its
// median page, without a block.
const (
	headSize  = 128
	tierAbove = 512
)

// Field weights, as the browser weighs the fields: they choose the
// postings of most weight.
var fieldWeight = [numFields]int{fieldTitle: 10, fieldHeading: 4, fieldMeta: 3, fieldBody: 1}

// A posting is one page's entry in a stem's postings list.
type posting struct {
	doc        int32
	lv         [numFields]uint16 // levels, see level
	titleWords uint16
	blk        uint16
}

func (p *posting) weight() int {
	w := 0
	for f := range numFields {
		w += fieldWeight[f] * int(p.lv[f])
	}
	return w
}

// appendPosting appends p's levels, title words and, when withBlock, its
// block: the body level times two plus one if other fields follow, if so
// the title level (then, when not zero, the number of words of the
// title), the heading and the meta levels.
func appendPosting(b []byte, p *posting, withBlock bool) []byte {
	lv := p.lv
	if lv[fieldTitle] > 0 || lv[fieldHeading] > 0 || lv[fieldMeta] > 0 {
		b = appendNum(b, uint64(lv[fieldBody])*2+1)
		b = appendNum(b, uint64(lv[fieldTitle]))
		if lv[fieldTitle] > 0 {
			b = appendNum(b, uint64(p.titleWords))
		}
		b = appendNum(b, uint64(lv[fieldHeading]))
		b = appendNum(b, uint64(lv[fieldMeta]))
	} else {
		b = appendNum(b, uint64(lv[fieldBody])*2)
	}
	if withBlock {
		b = appendNum(b, uint64(p.blk))
	}
	return b
}

// readPosting reads what appendPosting wrote.
func readPosting(s string, i int, withBlock bool) (p posting, next int, ok bool) {
	num := func() uint64 {
		var n uint64
		if ok {
			n, i, ok = readNum(s, i)
		}
		return n
	}
	ok = true
	a := num()
	p.lv[fieldBody] = uint16(a / 2)
	if a%2 == 1 {
		p.lv[fieldTitle] = uint16(num())
		if p.lv[fieldTitle] > 0 {
			p.titleWords = uint16(num())
		}
		p.lv[fieldHeading] = uint16(num())
		p.lv[fieldMeta] = uint16(num())
	}
	if withBlock {
		p.blk = uint16(num())
	}
	return p, i, ok
}

// appendTiers appends a stem's postings list when it is long: the number
// of postings in full times four plus the number of tiers, the postings in
// full (each the gap from the previous page and the posting), and each
// tier: its posting, without a block, and its pages (see appendDocSet).
// A shorter list is the number of its postings times four, then the
// postings. list holds the stem's postings, all in full, in page order;
// nDocs is the number of pages of the site.
func appendTiers(b []byte, list []byte, nDocs int, scratch *tierScratch) []byte {
	ps := scratch.ps[:0]
	s := string(list)
	doc := int32(-1)
	for i := 0; i < len(s); {
		gap, next, _ := readNum(s, i)
		doc += int32(gap) + 1
		p, next, ok := readPosting(s, next, true)
		if !ok {
			panic("search: unreadable postings list") // written by this package just before
		}
		p.doc = doc
		ps = append(ps, p)
		i = next
	}
	// The postings by weight, heaviest first, the first page first among
	// equals: one sort of numbers holding the weight and the place in ps.
	keys := scratch.keys[:0]
	for i := range ps {
		keys = append(keys, int64(math.MaxInt32-ps[i].weight())<<32|int64(i))
	}
	slices.Sort(keys)
	scratch.ps, scratch.keys = ps, keys
	inHead := scratch.mark(len(ps))
	for _, k := range keys[:headSize] {
		inHead[int32(k)] = true
	}
	// The tiers: the pages with the word in their title, and the rest;
	// each's posting is that of its median page by weight.
	var count [2]int
	for _, k := range keys[headSize:] {
		count[tierOf(&ps[int32(k)])]++
	}
	var median [2]*posting
	var seen [2]int
	for _, k := range keys[headSize:] {
		p := &ps[int32(k)]
		t := tierOf(p)
		if seen[t] == count[t]/2 {
			median[t] = p
		}
		seen[t]++
	}
	tiers := 0
	for t := range count {
		if count[t] > 0 {
			tiers++
		}
	}
	b = appendNum(b, uint64(headSize)*4+uint64(tiers))
	prev := int32(-1)
	for i := range ps {
		if inHead[i] {
			b = appendNum(b, uint64(ps[i].doc-prev-1))
			prev = ps[i].doc
			b = appendPosting(b, &ps[i], true)
		}
	}
	for t := range count {
		if count[t] == 0 {
			continue
		}
		b = appendPosting(b, median[t], false)
		b = appendDocSet(b, nDocs, count[t], func(yield func(int32) bool) {
			for i := range ps {
				if !inHead[i] && tierOf(&ps[i]) == t && !yield(ps[i].doc) {
					return
				}
			}
		})
	}
	return b
}

// tierOf is the tier of a posting not in full: 0 with the word in the
// title, else 1.
func tierOf(p *posting) int {
	if p.lv[fieldTitle] > 0 {
		return 0
	}
	return 1
}

// tierScratch holds the buffers of appendTiers, kept from list to list.
type tierScratch struct {
	ps     []posting
	keys   []int64
	inHead []bool
}

// mark returns n marks, all false.
func (s *tierScratch) mark(n int) []bool {
	s.inHead = slices.Grow(s.inHead[:0], n)[:n]
	clear(s.inHead)
	return s.inHead
}

// appendDocSet appends a set of n pages, given in page order, as the
// shortest of a list (their number times two, then the gap before each),
// a list of the pages of the site not in the set (their number times two
// plus one, then the gap before each) or a bitset (zero, then one digit
// for each six pages of the site, the first page in the lowest bit).
func appendDocSet(b []byte, nDocs, n int, docs iter.Seq[int32]) []byte {
	bitsetLen := (nDocs + 5) / 6
	best := bitsetLen + 1
	start := len(b)
	b = appendNum(b, uint64(n)*2)
	prev := int32(-1)
	for doc := range docs {
		b = appendNum(b, uint64(doc-prev-1))
		prev = doc
		if len(b)-start >= best {
			break
		}
	}
	if len(b)-start < best {
		return b
	}
	// The pages not in the set, unless they take longer than a bitset.
	b = appendNum(b[:start], uint64(nDocs-n)*2+1)
	prev, next := int32(-1), int32(0)
	for doc := range docs {
		for ; next < doc && len(b)-start < best; next++ {
			b = appendNum(b, uint64(next-prev-1))
			prev = next
		}
		next = doc + 1
	}
	for ; next < int32(nDocs) && len(b)-start < best; next++ {
		b = appendNum(b, uint64(next-prev-1))
		prev = next
	}
	if len(b)-start < best {
		return b
	}
	b = append(b[:start], digits[0])
	b = append(b, make([]byte, bitsetLen)...)
	bits := b[len(b)-bitsetLen:]
	for doc := range docs {
		bits[doc/6] |= 1 << (doc % 6)
	}
	for i := range bits {
		bits[i] = digits[bits[i]]
	}
	return b
}
