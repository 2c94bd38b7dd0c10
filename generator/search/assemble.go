package search

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// assemble turns the per-document results into the index files. It stops
// with ctx's error between its steps once ctx is done.
func assemble(ctx context.Context, docs []Doc, v *vocab, results []docResult, stores []*pairStore) (*Index, error) {
	ix := &Index{Stats: Stats{
		Docs: len(docs), Words: len(v.wordText), Stems: len(v.stemText),
		Bytes: map[string]int{}, Files: map[string]int{},
	}}

	// Average field lengths, for length normalisation.
	var avg [numFields]float64
	for _, r := range results {
		for f := range numFields {
			avg[f] += float64(r.lens[f])
		}
	}
	for f := range numFields {
		avg[f] = max(avg[f]/float64(max(len(docs), 1)), 1)
	}

	// Stems in JavaScript's string order, and their postings lists laid
	// out one after the other in that order.
	nStems := len(v.stemText)
	order := make([]int32, nStems)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareUTF16(v.stemText[a], v.stemText[b]) })
	rank := make([]int32, nStems)
	for r, s := range order {
		rank[s] = int32(r)
	}
	df := make([]int32, nStems)
	occurrences := make([]int32, nStems)
	for _, r := range results {
		for _, t := range r.terms {
			df[t.stem]++
			occurrences[t.stem] += t.npos
		}
	}
	// The stems whose positions are kept: those of few occurrences, and
	// stop words, which pairs skip.
	positioned := make([]bool, nStems)
	for s, n := range occurrences {
		positioned[s] = n <= positionedMax
	}
	for st := range stopStems {
		if s, ok := v.stems[st]; ok {
			positioned[s] = true
		}
	}
	// Each stem's postings list, encoded (see appendTiers), and the
	// positions of the stems that keep them. Stems are split into ranges,
	// one per core; each core reads every document, encodes the postings
	// of the stems of its range, and then cuts the long lists of its range
	// in tiers.
	lists := make([][]byte, nStems)     // by rank
	positions := make([][]byte, nStems) // by rank
	parts := max(1, min(runtime.GOMAXPROCS(0), nStems/1024))
	var wg sync.WaitGroup
	for part := range parts {
		lo, hi := int32(nStems*part/parts), int32(nStems*(part+1)/parts)
		wg.Add(1)
		go func() {
			defer wg.Done()
			prev := make([]int32, hi-lo)
			for i := range prev {
				prev[i] = -1
			}
			for k := lo; k < hi; k++ {
				lists[k] = make([]byte, 0, 4*df[order[k]]+2)
			}
			for d, r := range results {
				if d%1024 == 0 && ctx.Err() != nil {
					return
				}
				for _, t := range r.terms {
					k := rank[t.stem]
					if k < lo || k >= hi {
						continue
					}
					p := posting{titleWords: uint16(r.titleTerms), blk: t.blk}
					for f := range numFields {
						p.lv[f] = level(t.tf[f], r.lens[f], avg[f], lengthNorm[f])
					}
					b := lists[k]
					if prev[k-lo] < 0 && df[t.stem] <= tierAbove {
						b = appendNum(b, uint64(df[t.stem])*4) // no tiers
					}
					b = appendNum(b, uint64(int32(d)-prev[k-lo]-1))
					prev[k-lo] = int32(d)
					lists[k] = appendPosting(b, &p, true)
					if positioned[t.stem] {
						// Kept by the worker: a stem that keeps its
						// positions never passed positionedMax there.
						positions[k] = appendPositions(positions[k], r.positions[t.pos:t.pos+t.npos])
					}
				}
			}
			var scratch tierScratch
			for k := lo; k < hi; k++ {
				if df[order[k]] > tierAbove {
					lists[k] = appendTiers(nil, lists[k], len(docs), &scratch)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	files := map[string][]byte{}
	add := func(kind, name string, payload []byte) {
		files[name] = wrap(strings.TrimSuffix(name, ".js"), payload)
		ix.Stats.Bytes[kind] += len(files[name])
		ix.Stats.Files[kind]++
	}

	// Postings shards: the lists of consecutive stems, as many as fit in
	// postingsShardSize; a longer list has a shard of its own. The digits
	// need no escaping in a JSON string.
	shardOf := make([]int32, nStems) // by rank
	indexIn := make([]int32, nStems)
	var shardEnd []int // the first rank after each shard
	buf := []byte{'"'}
	inShard := 0
	flushPostings := func(end int) {
		add("postings", fileName('p', len(shardEnd)), append(buf, '"'))
		buf = []byte{'"'}
		shardEnd = append(shardEnd, end)
		inShard = 0
	}
	for r, s := range order {
		if inShard > 0 && len(buf)+len(lists[r]) > postingsShardSize {
			flushPostings(r)
		}
		shardOf[r], indexIn[r] = int32(len(shardEnd)), int32(inShard)
		inShard++
		buf = append(buf, lists[r]...)
		lists[r] = nil
		ix.Stats.Postings += int(df[s])
	}
	flushPostings(nStems)

	// Pairs of words, in files of their own, and for each postings shard
	// a phrases shard of the same stems: each one's pair table and, if it
	// keeps them, its positions.
	pairs := buildPairs(ctx, stores, rank)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tables := pairLayout(pairs, shardOf, indexIn, func(n int, data []byte) {
		add("pairs", fileName('x', n), data)
	})
	start := 0
	for n, end := range shardEnd {
		b := []byte{'"'}
		for r := start; r < end; r++ {
			h := uint64(len(pairs[r])) * 2
			if positioned[order[r]] {
				h++
			}
			b = appendNum(b, h)
			b = append(b, tables[r]...)
			b = append(b, positions[r]...)
			positions[r] = nil
		}
		add("phrases", fileName('q', n), append(b, '"'))
		start = end
	}

	// Dictionary shards: the words in JavaScript's string order, front
	// coded (shared length, then the rest of the word and a space), and
	// for each word its stem's postings shard (as a change from the
	// previous word's), the stem's place in that shard and its document
	// frequency.
	words := make([]int32, len(v.wordText))
	for i := range words {
		words[i] = int32(i)
	}
	slices.SortFunc(words, func(a, b int32) int { return compareUTF16(v.wordText[a], v.wordText[b]) })
	var dictFirst []string
	var text, refs []byte
	var prevWord []uint16
	prevShard := int32(0)
	flushDict := func() {
		add("dictionary", fileName('w', len(dictFirst)-1), marshal([]string{string(text), string(refs)}))
		text, refs, prevWord, prevShard = text[:0], refs[:0], nil, 0
	}
	for _, w := range words {
		if len(text) == 0 {
			dictFirst = append(dictFirst, v.wordText[w])
		}
		u := utf16.Encode([]rune(v.wordText[w]))
		shared := 0
		for shared < len(u) && shared < len(prevWord) && u[shared] == prevWord[shared] {
			shared++
		}
		if shared > 0 && utf16.IsSurrogate(rune(u[shared-1])) && u[shared-1] < 0xdc00 {
			shared-- // never split a surrogate pair
		}
		text = appendNum(text, uint64(shared))
		text = append(text, string(utf16.Decode(u[shared:]))...)
		text = append(text, ' ')
		prevWord = u
		r := rank[v.wordStem[w]]
		refs = appendInt(refs, int64(shardOf[r]-prevShard))
		prevShard = shardOf[r]
		refs = appendNum(refs, uint64(indexIn[r]))
		refs = appendNum(refs, uint64(df[v.wordStem[w]]))
		if len(text)+len(refs) >= dictShardSize {
			flushDict()
		}
	}
	if len(text) > 0 {
		flushDict()
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Answers to one- and two-letter queries, one file per first letter:
	// for each prefix, the best documents in order.
	type cand struct {
		doc   int32
		score int8
	}
	short := map[uint64][]cand{}
	for d, r := range results {
		for _, h := range r.short {
			short[h.prefix] = append(short[h.prefix], cand{int32(d), h.score})
		}
	}
	byFirst := map[string]map[string]string{}
	for key, cands := range short {
		prefix := prefixString(key)
		slices.SortFunc(cands, func(a, b cand) int {
			if a.score != b.score {
				return int(b.score) - int(a.score)
			}
			if c := cmp.Compare(len(docs[a.doc].Title), len(docs[b.doc].Title)); c != 0 {
				return c
			}
			return int(a.doc - b.doc)
		})
		cands = cands[:min(len(cands), shortResults)]
		var b []byte
		for _, c := range cands {
			b = appendNum(b, uint64(c.doc))
		}
		_, n := utf8.DecodeRuneInString(prefix)
		first := prefix[:n]
		if byFirst[first] == nil {
			byFirst[first] = map[string]string{}
		}
		byFirst[first][prefix] = string(b)
	}
	firsts := make([]string, 0, len(byFirst))
	for f := range byFirst {
		firsts = append(firsts, f)
	}
	slices.SortFunc(firsts, compareUTF16)
	for i, f := range firsts {
		add("prefixes", fileName('s', i), marshal(byFirst[f]))
	}

	// Result fragments, grouped by consecutive documents.
	var fragFirst []byte
	var group []byte
	groups, prevFirst, groupStart := 0, 0, 0
	flushFrag := func(end int) {
		group = append(group, ']')
		add("fragments", fileName('f', groups), group)
		fragFirst = appendNum(fragFirst, uint64(groupStart-prevFirst))
		prevFirst = groupStart
		groups++
		group = group[:0]
		groupStart = end
	}
	for d, r := range results {
		if len(group) == 0 {
			group = append(group, '[')
		} else {
			group = append(group, ',')
		}
		group = append(group, r.frag...)
		if len(group) >= fragmentGroupSize {
			flushFrag(d + 1)
		}
	}
	if len(group) > 0 {
		flushFrag(len(results))
	}

	// Facets.
	add("facets", "facets.js", facets(docs))

	// The manifest names the folder of this version of the other files,
	// so that they can be cached for ever.
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	version := hex.EncodeToString(h.Sum(nil))[:10]
	avgLen := make([]float64, numFields)
	for f := range numFields {
		avgLen[f] = math.Round(avg[f]*10) / 10
	}
	manifest := marshal(map[string]any{
		"version":   version,
		"docs":      len(docs),
		"fields":    fieldNames,
		"avgLength": avgLen,
		"stop":      strings.Join(stopWords, " "),
		"dict":      dictFirst,
		"prefixes":  firsts,
		"fragments": string(fragFirst),
		"facets":    facetNames,
	})
	ix.Files = append(ix.Files, File{"index.js", wrap("index", manifest)})
	ix.Stats.Bytes["manifest"] = len(ix.Files[0].Data)
	ix.Stats.Files["manifest"] = 1
	for _, n := range names {
		ix.Files = append(ix.Files, File{version + "/" + n, files[n]})
	}
	return ix, nil
}

// level is a term's frequency in a field divided by the field's length
// relative to the average (BM25's length normalisation), in quarters; at
// least 1 when the term occurs at all.
func level(tf uint16, length int32, avg, b float64) uint16 {
	if tf == 0 {
		return 0
	}
	norm := 1 - b + b*float64(length)/avg
	return uint16(max(1, min(1023, math.Round(4*float64(tf)/norm))))
}

func fileName(kind byte, n int) string {
	return string(kind) + itoa(n) + ".js"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// wrap makes payload, a JSON value, into a script that hands it to the
// page: opsdocsIndex("name",payload); Pages served over HTTP fetch the
// file and parse the JSON between the first comma and the last
// parenthesis; pages opened from disk load it with a script element.
func wrap(name string, payload []byte) []byte {
	b := make([]byte, 0, len(payload)+len(name)+24)
	b = append(b, `opsdocsIndex("`...)
	b = append(b, name...)
	b = append(b, `",`...)
	b = append(b, payload...)
	b = append(b, ");\n"...)
	return b
}
