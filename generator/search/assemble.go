package search

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
)

// A folders collects the files of the index, each kind in a folder of its
// own named after a hash of its files, so that it can be cached for ever
// and written as soon as it is made.
type folders struct {
	ix    *Index
	early func([]File)      // if not nil, takes the files of each kind as it is made
	names map[string]string // the folder of each kind, by the first letter of its files ("facets" for facets.js)
	files []File            // the files of the kind being made
	kind  string
}

// add adds a file of the given kind; payload is its JSON value.
func (f *folders) add(kind, name string, payload []byte) {
	f.addWrapped(kind, name, wrap(strings.TrimSuffix(name, ".js"), payload))
}

// addWrapped adds a file of the given kind, data being the whole file
// (see wrap).
func (f *folders) addWrapped(kind, name string, data []byte) {
	f.kind = kind
	f.files = append(f.files, File{name, data})
	f.ix.Stats.Bytes[kind] += len(data)
	f.ix.Stats.Files[kind]++
}

// done ends the kind being made: its files go in their folder, and to
// early if there is one.
func (f *folders) done() {
	if len(f.files) == 0 {
		return
	}
	slices.SortFunc(f.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	h := sha256.New()
	for _, file := range f.files {
		h.Write([]byte(file.Name))
		h.Write(file.Data)
	}
	folder := hex.EncodeToString(h.Sum(nil))[:10]
	key := f.files[0].Name[:1]
	if f.kind == "facets" {
		key = "facets"
	}
	f.names[key] = folder
	for i := range f.files {
		f.files[i].Name = folder + "/" + f.files[i].Name
	}
	if f.early != nil {
		f.early(f.files)
	} else {
		f.ix.Files = append(f.ix.Files, f.files...)
	}
	f.files = nil
}

// assemble turns the per-document results into the index files. It stops
// with ctx's error between its steps once ctx is done.
func assemble(ctx context.Context, docs []Doc, v *vocab, results []docResult, stores []*pairStore, out *folders, fragFirst []byte) (*Index, error) {
	ix := out.ix
	ix.Stats.Words, ix.Stats.Stems = len(v.wordText), len(v.stemText)

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
			occurrences[t.stem] += t.occurrences()
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
	// Pairs of words, in files of their own, written first: they are the
	// most of the files.
	pairs := buildPairs(ctx, stores, rank)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pairFiles(pairs, func(n int, data []byte) {
		out.addWrapped("pairs", fileName('x', n), data)
	})
	out.done()

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
				kept := r.positions
				for _, t := range r.terms {
					var at []int32
					if t.kept {
						n := kept[0]
						at, kept = kept[1:1+n], kept[1+n:]
					}
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
						positions[k] = appendPositions(positions[k], at)
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

	// Postings shards: the lists of consecutive stems, as many as fit in
	// postingsShardSize; a list of more than a third of that has a shard
	// of its own, so that a query for a common word loads its list
	// alone. The digits need no escaping in a JSON string.
	shardOf := make([]int32, nStems) // by rank
	indexIn := make([]int32, nStems)
	var shardEnd []int // the first rank after each shard
	// The size of a shard counts its payload, from its opening quote.
	head := 0
	startPostings := func() []byte {
		b := wrapOpen(make([]byte, 0, postingsShardSize+64), fileStem('p', len(shardEnd)))
		head = len(b)
		return append(b, '"')
	}
	buf := startPostings()
	inShard := 0
	flushPostings := func(end int) {
		out.addWrapped("postings", fileName('p', len(shardEnd)), wrapClose(append(buf, '"')))
		shardEnd = append(shardEnd, end)
		buf = startPostings()
		inShard = 0
	}
	alone := false // the shard holds a long list
	for r, s := range order {
		long := len(lists[r]) > postingsShardSize/3
		if inShard > 0 && (alone || long || len(buf)-head+len(lists[r]) > postingsShardSize) {
			flushPostings(r)
		}
		alone = long
		shardOf[r], indexIn[r] = int32(len(shardEnd)), int32(inShard)
		inShard++
		buf = append(buf, lists[r]...)
		lists[r] = nil
		ix.Stats.Postings += int(df[s])
	}
	flushPostings(nStems)
	out.done()

	// Phrases shards: for the postings shards in turn, the number of
	// their stems, then for each its pair table and, if it keeps them,
	// its number of documents and its positions. A shard holds the
	// consecutive postings shards that fit in phrasesShardSize, or one.
	var phraseFirst []byte // the first postings shard of each phrases shard, as gaps
	var b, section []byte
	files, prevFirst, first := 0, 0, 0
	flushPhrases := func(next int) {
		out.addWrapped("phrases", fileName('q', files), wrapClose(append(b, '"')))
		phraseFirst = appendNum(phraseFirst, uint64(first-prevFirst))
		prevFirst, first = first, next
		files++
		b = nil
	}
	start := 0
	for n, end := range shardEnd {
		section = appendNum(section[:0], uint64(end-start))
		for r := start; r < end; r++ {
			h := uint64(len(pairs[r])) * 2
			if positioned[order[r]] {
				h++
			}
			section = appendNum(section, h)
			section = appendPairTable(section, pairs[r], shardOf, indexIn)
			if positioned[order[r]] {
				section = appendNum(section, uint64(df[order[r]]))
				section = append(section, positions[r]...)
			}
			positions[r] = nil
		}
		if b != nil && len(b)+len(section) > phrasesShardSize {
			flushPhrases(n)
		}
		if b == nil {
			b = append(wrapOpen(make([]byte, 0, phrasesShardSize+64), fileStem('q', files)), '"')
		}
		b = append(b, section...)
		start = end
	}
	if b != nil {
		flushPhrases(len(shardEnd))
	}
	out.done()

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
		out.add("dictionary", fileName('w', len(dictFirst)-1), marshal([]string{string(text), string(refs)}))
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
	out.done()

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
		out.add("prefixes", fileName('s', i), marshal(byFirst[f]))
	}
	out.done()

	// Facets.
	out.add("facets", "facets.js", facets(docs))
	out.done()

	// The manifest names the folder of each kind of file, and a version
	// that changes with any of them.
	keys := slices.Sorted(maps.Keys(out.names))
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k + "/" + out.names[k] + "\n"))
	}
	avgLen := make([]float64, numFields)
	for f := range numFields {
		avgLen[f] = math.Round(avg[f]*10) / 10
	}
	manifest := marshal(map[string]any{
		"version":   hex.EncodeToString(h.Sum(nil))[:10],
		"folders":   out.names,
		"docs":      len(docs),
		"fields":    fieldNames,
		"avgLength": avgLen,
		"stop":      strings.Join(stopWords, " "),
		"dict":      dictFirst,
		"prefixes":  firsts,
		"fragments": string(fragFirst),
		"phrases":   string(phraseFirst),
		"facets":    facetNames,
	})
	ix.Files = append([]File{{"index.js", wrap("index", manifest)}}, ix.Files...)
	ix.Stats.Bytes["manifest"] = len(ix.Files[0].Data)
	ix.Stats.Files["manifest"] = 1
	slices.SortFunc(ix.Files[1:], func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return ix, nil
}

// fragmentFiles makes the result fragments of docs, grouped by
// consecutive documents, and returns the first document of each group as
// gaps, for the manifest. A group is a list of fragments, each [url,
// section, title, description, heading, snippet, heading, snippet, ...]
// (see fragmentBody). After the first of a group, a url may be written
// as the length it shares with the one before (a number, see appendNum)
// followed by the rest, and a section as the same as the one before, 0.
func fragmentFiles(docs []Doc, out *folders) []byte {
	bodies := make([][]byte, len(docs))
	parallel(len(docs), func(i int) { bodies[i] = fragmentBody(&docs[i]) })
	var first, group, head []byte
	groups, prevFirst, groupStart := 0, 0, 0
	flush := func(end int) {
		group = append(group, ']')
		b := wrapOpen(make([]byte, 0, len(group)+32), fileStem('f', groups))
		out.addWrapped("fragments", fileName('f', groups), wrapClose(append(b, group...)))
		first = appendNum(first, uint64(groupStart-prevFirst))
		prevFirst = groupStart
		groups++
		group = group[:0]
		groupStart = end
	}
	for d := range docs {
		head = head[:0]
		if len(group) == 0 {
			group = append(group, '[')
			head = appendJSONString(head, docs[d].URL)
			head = append(head, ',')
			head = appendJSONString(head, docs[d].Section)
		} else {
			prev := &docs[d-1]
			url, shared := docs[d].URL, 0
			for shared < len(url) && shared < len(prev.URL) && url[shared] == prev.URL[shared] && url[shared] < utf8.RuneSelf {
				shared++
			}
			if shared > 2 {
				head = append(head, '"')
				head = appendNum(head, uint64(shared))
				head = appendJSONText(head, url[shared:])
				head = append(head, '"')
			} else {
				head = appendJSONString(head, url)
			}
			if docs[d].Section == prev.Section {
				head = append(head, ",0"...)
			} else {
				head = append(head, ',')
				head = appendJSONString(head, docs[d].Section)
			}
			group = append(group, ',')
		}
		group = append(group, '[')
		group = append(group, head...)
		group = append(group, ',')
		group = append(group, bodies[d]...)
		group = append(group, ']')
		if len(group) >= fragmentGroupSize {
			flush(d + 1)
		}
	}
	if len(group) > 0 {
		flush(len(docs))
	}
	out.done()
	return first
}

// parallel calls f(0) ... f(n-1) on as many goroutines as there are
// cores, and waits for them.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
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
	return fileStem(kind, n) + ".js"
}

// fileStem is the name of a file without .js.
func fileStem(kind byte, n int) string {
	return string(kind) + itoa(n)
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
	b := wrapOpen(make([]byte, 0, len(payload)+len(name)+24), name)
	b = append(b, payload...)
	return wrapClose(b)
}

// wrapOpen appends the start of a file, before its payload, to b; name
// has no .js.
func wrapOpen(b []byte, name string) []byte {
	b = append(b, `opsdocsIndex("`...)
	b = append(b, name...)
	return append(b, `",`...)
}

// wrapClose appends the end of a file, after its payload, to b.
func wrapClose(b []byte) []byte {
	return append(b, ");\n"...)
}
