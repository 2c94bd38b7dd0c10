package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/maphash"
	"maps"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/index.txtar with the actual index")

// docs is a small site for the index tests.
var docs = []Doc{
	{
		URL: "/playbooks/launch-readiness/", Title: "Launch readiness", Section: "Playbooks",
		Description: "The two-week checklist before a launch.", Type: "playbook", Owner: "product-ops",
		Tags: []string{"launch", "release"},
		Blocks: []Block{
			{Text: "Every customer-facing change goes through launch readiness."},
			{Anchor: "kickoff", Heading: "Kickoff", Text: "Set base_url in the brief. The PM runs it."},
			{Anchor: "rollback", Heading: "Rollback", Text: "Roll back with the LaunchDarkly flag, then tell customers. Rollback is rare."},
		},
	},
	{
		URL: "/team/who-we-are/", Title: "Who we are", Section: "Team", Type: "page", Team: "Product Ops", Owner: "priya",
		Blocks: []Block{
			{Text: "Priya Raman runs product ops. We meet weekly."},
			{Anchor: "contact-1", Heading: "Contact", Text: "Ask in the channel."},
		},
		Extra: []string{"Weekly review"},
	},
	{
		URL: "/roadmaps/mobile/", Title: "Mobile roadmap", Section: "Roadmaps", Type: "roadmap", Team: "Mobile", Owner: "aisha",
		Tags:   []string{"roadmap", "mobile", "launch"},
		Blocks: []Block{{Anchor: "now", Heading: "Now", Text: "Approvals on iOS and Android, launched in the café."}},
	},
}

// decoded is an index read back from its files, as the browser reads it.
type decoded struct {
	manifest map[string]any
	words    map[string]wordEntry
	lists    map[[2]int][]decodedPosting
	// positions holds, per stem that keeps them and document, the stem's
	// positions.
	positions map[[2]int]map[int][]int
	// pairs holds the pages of each pair of words.
	pairs  map[pairRef][]int
	frags  [][]any
	short  map[string][]int
	facets map[string]map[string][]int
}

type wordEntry struct{ shard, index, df int }

// A pairRef names a pair of words: the postings of the first word's stem
// and of the second's (shard and place), and how many positions after the
// first word the second starts.
type pairRef struct {
	a, b [2]int
	d    int
}

type decodedPosting struct {
	doc                        int
	title, heading, meta, body int
	titleWords, blk            int
	tier                       int // 0 for a posting in full
}

// posting reads the fields of one posting.
func (d *decoded) posting(r *numbers, withBlock bool) decodedPosting {
	var p decodedPosting
	a := r.num()
	p.body = a / 2
	if a%2 == 1 {
		p.title = r.num()
		if p.title > 0 {
			p.titleWords = r.num()
		}
		p.heading, p.meta = r.num(), r.num()
	}
	if withBlock {
		p.blk = r.num()
	}
	return p
}

// docSet reads a set of documents: a list, the list of the others, or a
// bitset.
func (d *decoded) docSet(r *numbers) []int {
	var set []int
	v, doc := r.num(), -1
	docs := int(d.manifest["docs"].(float64))
	switch {
	case v%2 == 0 && v > 0:
		for range v / 2 {
			doc += r.num() + 1
			set = append(set, doc)
		}
	case v%2 == 1:
		out := map[int]bool{}
		for range v / 2 {
			doc += r.num() + 1
			out[doc] = true
		}
		for i := range docs {
			if !out[i] {
				set = append(set, i)
			}
		}
	default:
		for i := range (docs + 5) / 6 {
			bits := digitValue[r.s[r.i]]
			r.i++
			for b := range 6 {
				if bits&(1<<b) != 0 {
					set = append(set, i*6+b)
				}
			}
		}
	}
	return set
}

func payload(t *testing.T, data []byte, v any) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, `opsdocsIndex("`) || !strings.HasSuffix(s, ");\n") {
		t.Fatalf("not a wrapped index file: %.60q", s)
	}
	if err := json.Unmarshal([]byte(s[strings.Index(s, ",")+1:strings.LastIndex(s, ")")]), v); err != nil {
		t.Fatal(err)
	}
}

type numbers struct {
	s string
	i int
	t *testing.T
}

func (n *numbers) num() int {
	v, next, ok := readNum(n.s, n.i)
	if !ok {
		n.t.Fatalf("bad number at %d of %q", n.i, n.s)
	}
	n.i = next
	return int(v)
}

func (n *numbers) int() int {
	v, next, ok := readInt(n.s, n.i)
	if !ok {
		n.t.Fatalf("bad number at %d of %q", n.i, n.s)
	}
	n.i = next
	return int(v)
}

func (n *numbers) more() bool { return n.i < len(n.s) }

func decode(t *testing.T, ix *Index) *decoded {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range ix.Files {
		files[f.Name] = f.Data
	}
	d := &decoded{words: map[string]wordEntry{}, lists: map[[2]int][]decodedPosting{}, positions: map[[2]int]map[int][]int{}, pairs: map[pairRef][]int{}, short: map[string][]int{}, facets: map[string]map[string][]int{}}
	payload(t, files["index.js"], &d.manifest)
	// path is where a file is: in the folder of its kind.
	folders := d.manifest["folders"].(map[string]any)
	path := func(name string) string {
		kind := name[:1]
		if name == "facets.js" {
			kind = "facets"
		}
		folder, _ := folders[kind].(string)
		return folder + "/" + name
	}
	for _, f := range ix.Files[1:] {
		if f.Name != path(f.Name[strings.IndexByte(f.Name, '/')+1:]) {
			t.Errorf("%s is not in the folder of its kind", f.Name)
		}
	}
	get := func(name string, v any) {
		data, ok := files[path(name)]
		if !ok {
			t.Fatalf("no file %s", path(name))
		}
		payload(t, data, v)
	}
	for i := range d.manifest["dict"].([]any) {
		var shard [2]string
		get(fmt.Sprintf("w%d.js", i), &shard)
		text, refs := &numbers{s: shard[0], t: t}, &numbers{s: shard[1], t: t}
		prev, ps := []rune(nil), 0
		for text.more() {
			shared := text.num()
			end := text.i + strings.IndexByte(shard[0][text.i:], ' ')
			word := append(slices.Clone(prev[:shared]), []rune(shard[0][text.i:end])...)
			text.i = end + 1
			prev = word
			ps += refs.int()
			d.words[string(word)] = wordEntry{ps, refs.num(), refs.num()}
		}
	}
	for s := 0; ; s++ {
		if _, ok := files[path(fmt.Sprintf("p%d.js", s))]; !ok {
			break
		}
		var stream string
		get(fmt.Sprintf("p%d.js", s), &stream)
		r := &numbers{s: stream, t: t}
		for i := 0; r.more(); i++ {
			key := [2]int{s, i}
			h, doc := r.num(), -1
			for range h / 4 {
				doc += r.num() + 1
				p := d.posting(r, true)
				p.doc = doc
				d.lists[key] = append(d.lists[key], p)
			}
			for tier := range h % 4 {
				p := d.posting(r, false)
				p.tier = tier + 1
				for _, doc := range d.docSet(r) {
					p.doc = doc
					d.lists[key] = append(d.lists[key], p)
				}
			}
			slices.SortFunc(d.lists[key], func(a, b decodedPosting) int { return a.doc - b.doc })
		}
	}
	// The phrases shards: for the postings shards in turn from the first
	// of each, the number of their stems, then for each stem its pair
	// table, and if it keeps them its number of documents and its
	// positions in each of them in order.
	shards := 0
	for {
		if _, ok := files[path(fmt.Sprintf("p%d.js", shards))]; !ok {
			break
		}
		shards++
	}
	firsts := &numbers{s: d.manifest["phrases"].(string), t: t}
	var qFirst []int
	for f := 0; firsts.more(); {
		f += firsts.num()
		qFirst = append(qFirst, f)
	}
	if len(qFirst) == 0 || qFirst[0] != 0 {
		t.Fatalf("phrases shards begin at postings shards %v", qFirst)
	}
	for q, s := range qFirst {
		end := shards
		if q+1 < len(qFirst) {
			end = qFirst[q+1]
		}
		var phrases string
		get(fmt.Sprintf("q%d.js", q), &phrases)
		r := &numbers{s: phrases, t: t}
		for ; s < end; s++ {
			stems := r.num()
			for i := range stems {
				key := [2]int{s, i}
				if _, ok := d.lists[key]; !ok {
					t.Fatalf("q%d.js has more stems than p%d.js", q, s)
				}
				h := r.num()
				if n := h / 2; n > 0 {
					file, at := r.num(), r.num()
					b := [2]int{}
					for j := range n {
						shard, index := r.num(), r.num()
						switch {
						case j == 0:
							b = [2]int{shard, index}
						case shard == 0:
							b[1] += index
						default:
							b = [2]int{b[0] + shard, index}
						}
						dn := r.num()
						if j > 0 && dn%2 == 1 {
							file, at = file+1, 0
						} else if j > 0 {
							at++
						}
						ref := pairRef{key, b, dn / 2}
						if _, dup := d.pairs[ref]; dup {
							t.Errorf("q%d.js: stem %v has the pair %v twice", q, key, ref)
						}
						d.pairs[ref] = pairFile(t, files[path(fmt.Sprintf("x%d.js", file))], file, at)
					}
				}
				if h%2 == 0 {
					continue
				}
				if n := r.num(); n != len(d.lists[key]) {
					t.Errorf("q%d.js: stem %v has positions in %d documents, and postings in %d", q, key, n, len(d.lists[key]))
				}
				d.positions[key] = map[int][]int{}
				for _, p := range d.lists[key] {
					h := r.num()
					var at []int
					if h%2 == 1 {
						at = []int{h / 2}
					} else {
						for j := range h / 2 {
							if j == 0 {
								at = append(at, r.num())
							} else {
								at = append(at, at[j-1]+r.num()+1)
							}
						}
					}
					d.positions[key][p.doc] = at
				}
			}
		}
		if r.more() {
			t.Errorf("q%d.js goes on after postings shard %d", q, end-1)
		}
	}
	groups := &numbers{s: d.manifest["fragments"].(string), t: t}
	for g := 0; groups.more(); g++ {
		groups.num()
		var frags [][]any
		get(fmt.Sprintf("f%d.js", g), &frags)
		d.frags = append(d.frags, expandFragments(t, frags)...)
	}
	for i, first := range d.manifest["prefixes"].([]any) {
		var table map[string]string
		get(fmt.Sprintf("s%d.js", i), &table)
		for prefix, list := range table {
			if !strings.HasPrefix(prefix, first.(string)) {
				t.Errorf("prefix %q in the file of %q", prefix, first)
			}
			r := &numbers{s: list, t: t}
			for r.more() {
				d.short[prefix] = append(d.short[prefix], r.num())
			}
		}
	}
	var facets map[string][][2]string
	get("facets.js", &facets)
	for name, values := range facets {
		d.facets[name] = map[string][]int{}
		for _, v := range values {
			var set []int
			switch v[1][0] {
			case 'l':
				r, doc := &numbers{s: v[1], i: 1, t: t}, -1
				for r.more() {
					doc += r.num() + 1
					set = append(set, doc)
				}
			case 'b':
				for i := 1; i < len(v[1]); i++ {
					bits := digitValue[v[1][i]]
					for b := range 6 {
						if bits&(1<<b) != 0 {
							set = append(set, (i-1)*6+b)
						}
					}
				}
			}
			d.facets[name][v[0]] = set
		}
	}
	return d
}

// expandFragments reads a fragment group as the browser does: each page
// as [url, title, section, description, [[anchor, heading, snippet]...]].
func expandFragments(t *testing.T, group [][]any) [][]any {
	t.Helper()
	var out [][]any
	url, section := "", ""
	for _, p := range group {
		u := p[0].(string)
		if u != "" && u[0] != '/' {
			n, next, ok := readNum(u, 0)
			if !ok || int(n) > len(url) {
				t.Fatalf("fragment url %q after %q", u, url)
			}
			u = url[:n] + u[next:]
		}
		url = u
		if s, ok := p[1].(string); ok {
			section = s
		} else if p[1] != 0.0 {
			t.Fatalf("fragment section %v", p[1])
		}
		var blocks []any
		for j := 4; j+1 < len(p); j += 2 {
			switch h := p[j].(type) {
			case string:
				blocks = append(blocks, []any{"", h, p[j+1]})
			case []any:
				blocks = append(blocks, []any{h[0], h[1], p[j+1]})
			}
		}
		if blocks == nil {
			blocks = []any{}
		}
		out = append(out, []any{u, p[2], section, p[3], blocks})
	}
	return out
}

// pairFile returns list n of pairs file x<file>.js.
func pairFile(t *testing.T, data []byte, file, n int) []int {
	t.Helper()
	if data == nil {
		t.Fatalf("no file x%d.js", file)
	}
	var s string
	payload(t, data, &s)
	for i := 0; ; i++ {
		if i == len(s) {
			t.Fatalf("x%d.js has no list %d", file, n)
		}
		docs, next, ok := readRice(s, i)
		if !ok {
			t.Fatalf("x%d.js: bad list at %d", file, i)
		}
		if n == 0 {
			out := make([]int, len(docs))
			for j, d := range docs {
				out[j] = int(d)
			}
			return out
		}
		n--
		i = next - 1
	}
}

// pair returns the pages where word b starts d positions after word a.
func (d *decoded) pair(t *testing.T, a, b string, dist int) []int {
	t.Helper()
	wa, ok := d.words[a]
	wb, ok2 := d.words[b]
	if !ok || !ok2 {
		t.Fatalf("%q or %q is not in the dictionary", a, b)
	}
	return d.pairs[pairRef{[2]int{wa.shard, wa.index}, [2]int{wb.shard, wb.index}, dist}]
}

// postings returns the postings of word's stem.
func (d *decoded) postings(t *testing.T, word string) []decodedPosting {
	t.Helper()
	w, ok := d.words[word]
	if !ok {
		t.Fatalf("%q is not in the dictionary", word)
	}
	l := d.lists[[2]int{w.shard, w.index}]
	if len(l) != w.df {
		t.Errorf("%q: document frequency %d, postings list of %d", word, w.df, len(l))
	}
	return l
}

func TestIndexContent(t *testing.T) {
	d := decode(t, Build(docs))
	if n := d.manifest["docs"].(float64); n != 3 {
		t.Errorf("manifest counts %v documents, want 3", n)
	}

	launch := d.postings(t, "launch")
	if len(launch) != 2 || launch[0].doc != 0 || launch[1].doc != 2 {
		t.Fatalf("launch: postings %+v, want documents 0 and 2", launch)
	}
	if p := launch[0]; p.title == 0 || p.meta == 0 || p.body == 0 || p.titleWords != 2 || p.blk != 1 {
		t.Errorf("launch in document 0: %+v, want title, meta and body, a two-word title, block 1", p)
	}
	if p := launch[1]; p.title != 0 || p.meta == 0 || p.body == 0 || p.blk != 1 {
		t.Errorf("launch in document 2 (launched, tag launch): %+v, want meta and body, block 1", p)
	}
	if w, l := d.words["launched"], d.words["launch"]; w.shard != l.shard || w.index != l.index {
		t.Error("launched and launch should share the stem's postings")
	}
	// The block where a word weighs most: its heading counts three times.
	if p := d.postings(t, "rollback")[0]; p.heading == 0 || p.blk != 3 {
		t.Errorf("rollback: %+v, want the heading and block 3", p)
	}
	if p := d.postings(t, "base_url")[0]; p.blk != 2 {
		t.Errorf("base_url: %+v, want block 2", p)
	}
	for _, w := range []string{"base", "url", "launchdarkly", "darkly", "cafe", "ios", "priya", "weekly", "product-ops"} {
		d.postings(t, w)
	}

	// Stop words are indexed in titles only.
	if _, ok := d.words["the"]; ok {
		t.Error("the stop word \"the\" of the bodies is in the dictionary")
	}
	if p := d.postings(t, "who"); len(p) != 1 || p[0].title == 0 || p[0].titleWords != 0 {
		t.Errorf("who: %+v, want the title of document 1, which has no other words", p)
	}

	if got := d.frags[1][0]; got != "/team/who-we-are/" {
		t.Errorf("fragment 1 is of %v", got)
	}
	blocks := d.frags[0][4].([]any)
	// An anchor that is the heading's slug is left for the browser to make.
	if b := blocks[2].([]any); b[0] != "" || b[1] != "Rollback" || !strings.HasPrefix(b[2].(string), "Roll back with") {
		t.Errorf("fragment 0, block 2: %v", b)
	}
	if b := d.frags[1][4].([]any)[1].([]any); b[0] != "contact-1" {
		t.Errorf("fragment 1, block 1: %v, want the anchor contact-1 kept", b)
	}
	if desc, text := d.frags[1][3], d.frags[1][4].([]any)[0].([]any)[2]; desc != "" || text != "Priya Raman runs product ops. We meet weekly." {
		t.Errorf("fragment 1: description %q, first block %q", desc, text)
	}

	if got := d.short["mo"]; !slices.Equal(got, []int{2}) {
		t.Errorf("prefix mo: %v, want document 2", got)
	}
	if got := d.short["l"]; !slices.Equal(got, []int{0, 2}) {
		t.Errorf("prefix l: %v, want the title match first, then the tag", got)
	}
	if got := d.facets["team"]; !slices.Equal(got["Mobile"], []int{2}) || !slices.Equal(got["Product Ops"], []int{1}) {
		t.Errorf("team facet: %v", got)
	}
	if got := d.facets["tags"]["launch"]; !slices.Equal(got, []int{0, 2}) {
		t.Errorf("tag launch: %v", got)
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"short text whole", "  Set base_url\n in the brief. ", "Set base_url in the brief."},
		{"whole sentences that fit", "The PM runs the kickoff with the team. Everyone reads the brief first. Then the launch date is set and the checklist begins.",
			"The PM runs the kickoff with the team. Everyone reads the brief first."},
		{"a short first sentence is not enough", "Yes. The rest goes on and on without a stop for much longer than a snippet would ever hold in one line",
			"Yes. The rest goes on and on without a stop for much longer than a snippet would ever hold in one …"},
		{"one long word", strings.Repeat("x", 120), strings.Repeat("x", 100) + "…"},
		{"empty", " \n ", ""},
	} {
		if got := snippet(tc.text, 100); got != tc.want {
			t.Errorf("%s: snippet\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestPlainSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Review cadence": "review-cadence", "Set `base_url` (once)": "set-base_url-once", "What's next?": "whats-next",
		"Café": "", "!!!": "", "": "",
	} {
		got, ok := plainSlug(heading)
		if got != want || ok != (want != "") {
			t.Errorf("plainSlug(%q) = %q, %v; want %q", heading, got, ok, want)
		}
	}
}

// at returns the positions of word's stem in document doc.
func (d *decoded) at(t *testing.T, word string, doc int) []int {
	t.Helper()
	w, ok := d.words[word]
	if !ok {
		t.Fatalf("%q is not in the dictionary", word)
	}
	return d.positions[[2]int{w.shard, w.index}][doc]
}

// TestIndexPositions checks the positions of words: in order through the
// title, the meta texts and the blocks, each text after the last with a
// position left free, stop words counted where they are not indexed.
func TestIndexPositions(t *testing.T) {
	d := decode(t, Build(docs))
	// Launch readiness (0 1) · The two-week checklist before a launch.
	// (3 ... 9) · owner product-ops (11 12) · type playbook (14) · section
	// Playbooks (16) · tags launch (18) and release (20) · the first
	// block: Every customer-facing change goes through launch readiness.
	// (22 ... 29) · Kickoff (31) · Set base_url in the brief. The PM
	// runs it. (33 ... 42) · Rollback (44) · Roll back with the
	// LaunchDarkly flag, then tell customers. (46 ... 55)
	for _, tc := range []struct {
		word string
		want []int
	}{
		{"launch", []int{0, 9, 18, 28, 50}},
		{"readiness", []int{1, 29}},
		{"checklist", []int{6}},
		{"customer-facing", []int{23}},
		{"customer", []int{23, 55}},
		{"facing", []int{24}},
		{"base_url", []int{34}},
		{"url", []int{35}},
		{"brief", []int{38}},
	} {
		if got := d.at(t, tc.word, 0); !slices.Equal(got, tc.want) {
			t.Errorf("positions of %q in document 0: %v, want %v", tc.word, got, tc.want)
		}
	}
	// A stem of several words has the positions of all of them.
	if got := d.at(t, "launched", 2); !slices.Equal(got, d.at(t, "launch", 2)) || len(got) != 2 {
		t.Errorf("positions of launch (launched, tag launch) in document 2: %v", got)
	}
}

// TestIndexLarge checks the shards of a site too big for one of each,
// and that every word of every shard leads to its postings.
func TestIndexLarge(t *testing.T) {
	var many []Doc
	for i := range 400 {
		many = append(many, Doc{
			URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("Page %d about topic%d", i, i%37), Type: []string{"page", "playbook"}[i%2],
			Tags:   []string{fmt.Sprintf("tag%d", i%11)},
			Blocks: []Block{{Anchor: "a", Heading: "Part", Text: fmt.Sprintf("word%d common text w%d_%d and more%d", i%53, i, i%7, i)}},
		})
	}
	ix := Build(many)
	for _, kind := range []string{"dictionary", "postings", "phrases", "pairs", "fragments"} {
		if ix.Stats.Files[kind] < 2 {
			t.Errorf("%d %s files, want several", ix.Stats.Files[kind], kind)
		}
	}
	d := decode(t, ix)
	if len(d.frags) != 400 {
		t.Fatalf("%d fragments, want 400", len(d.frags))
	}
	for i, f := range d.frags {
		if f[0] != fmt.Sprintf("/p/%d/", i) {
			t.Fatalf("fragment %d is of %v", i, f[0])
		}
	}
	if l := d.postings(t, "common"); len(l) != 400 {
		t.Errorf("common: %d postings, want 400", len(l))
	}
	for w := range d.words {
		d.postings(t, w)
	}
	if got := len(d.facets["type"]["playbook"]); got != 200 {
		t.Errorf("%d playbooks in the type facet, want 200", got)
	}
}

// TestIndexDeterministic builds the same index on one core and on many.
func TestIndexDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := Build(docs)
	runtime.GOMAXPROCS(8)
	many := Build(docs)
	if len(one.Files) != len(many.Files) {
		t.Fatal("different files")
	}
	for i := range one.Files {
		if one.Files[i].Name != many.Files[i].Name || !bytes.Equal(one.Files[i].Data, many.Files[i].Data) {
			t.Errorf("%s differs", one.Files[i].Name)
		}
	}
}

// TestIndexGolden keeps the files of the small site's index in
// testdata/index.txtar, so that a change of format shows in review. Run
// with -update to rewrite it.
func TestIndexGolden(t *testing.T) {
	ix := Build(docs)
	ar := &txtar.Archive{Comment: []byte("The index of the documents of index_test.go. go test -update rewrites it.\n")}
	for _, f := range ix.Files {
		ar.Files = append(ar.Files, txtar.File{Name: f.Name, Data: f.Data})
	}
	got := txtar.Format(ar)
	if *update {
		if err := os.WriteFile("testdata/index.txtar", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("testdata/index.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the index differs from testdata/index.txtar (run go test -update and review the diff):\n%s", got)
	}
}

// TestIndexTiers checks a word on more pages than tierAbove: its heaviest
// postings are kept in full, the rest in tiers that still list every page
// that has the word, the pages with the word in their title apart.
func TestIndexTiers(t *testing.T) {
	var many []Doc
	for i := range 1000 {
		title := fmt.Sprintf("Page %d", i)
		if i%5 == 0 {
			title = fmt.Sprintf("Common page %d", i)
		}
		body := strings.Repeat("common ", i%7+1) + strings.Repeat("filler ", 7-i%7)
		if i%10 == 3 {
			body = "filler filler filler filler filler filler filler filler"
		}
		many = append(many, Doc{URL: fmt.Sprintf("/p/%d/", i), Title: title, Blocks: []Block{{Text: body + " rare" + strconv.Itoa(i%300)}}})
	}
	d := decode(t, Build(many))
	common := d.postings(t, "common")
	if len(common) != 900 {
		t.Fatalf("common: %d postings, want the 900 pages that have it", len(common))
	}
	weight := func(p decodedPosting) int { return 10*p.title + 4*p.heading + 3*p.meta + p.body }
	minFull, maxTiered, full := 1<<30, 0, 0
	tiers := map[int][]int{}
	for i, p := range common {
		if i > 0 && common[i-1].doc == p.doc {
			t.Fatalf("common: page %d listed twice", p.doc)
		}
		if many[p.doc].Blocks[0].Text[:6] != "common" && p.title == 0 {
			t.Errorf("common: page %d listed without having the word", p.doc)
		}
		if p.tier == 0 {
			full++
			minFull = min(minFull, weight(p))
			continue
		}
		tiers[p.tier] = append(tiers[p.tier], p.doc)
		if p.blk != 0 {
			t.Errorf("common: page %d of tier %d has a block", p.doc, p.tier)
		}
	}
	if full != headSize {
		t.Errorf("common: %d postings in full, want %d", full, headSize)
	}
	// The tiers' own postings are those of one of their pages; every page
	// of a tier weighs no more than the lightest posting in full.
	for _, p := range common {
		if p.tier > 0 {
			maxTiered = max(maxTiered, weight(p))
		}
	}
	if maxTiered > minFull {
		t.Errorf("common: a tier weighs %d, more than the lightest posting in full (%d)", maxTiered, minFull)
	}
	if len(tiers) != 2 {
		t.Fatalf("common: tiers %v, want two: titled pages and the rest", tiers)
	}
	for _, doc := range tiers[1] {
		if doc%5 != 0 {
			t.Errorf("common: page %d in the tier of titles has no title word", doc)
		}
	}
	for _, doc := range tiers[2] {
		if doc%5 == 0 {
			t.Errorf("common: page %d with the word in its title is in the last tier", doc)
		}
	}
	// The 200 pages with the word in their title outweigh the others: the
	// heaviest are in full, the others in the tier of titles.
	if got, want := len(tiers[1]), 200-headSize; got != want {
		t.Errorf("common: %d pages in the tier of titles, want %d", got, want)
	}
	// A word of few pages has its postings in full.
	for _, p := range d.postings(t, "rare7") {
		if p.tier != 0 {
			t.Errorf("rare7: page %d in a tier", p.doc)
		}
	}
}

func TestBuildContextCancelled(t *testing.T) {
	docs := benchDocs(50)
	ctx, cancel := context.WithCancel(context.Background())
	ix, err := BuildContext(ctx, docs)
	if err != nil || len(ix.Files) != len(Build(docs).Files) {
		t.Fatalf("BuildContext before cancelling: %v", err)
	}
	cancel()
	if ix, err := BuildContext(ctx, docs); !errors.Is(err, context.Canceled) || ix != nil {
		t.Errorf("BuildContext after cancelling = %v, %v; want nil, context.Canceled", ix, err)
	}
}

// TestIndexPairs checks the pairs of words that phrases are found with:
// two words next to each other, or with up to three stop words between
// them, in one text of a page; a compound pairs whole and part by part.
func TestIndexPairs(t *testing.T) {
	d := decode(t, Build(docs))
	for _, tc := range []struct {
		a, b string
		d    int
		want []int
	}{
		{"launch", "readiness", 1, []int{0}},       // the title, and "through launch readiness"
		{"customer", "facing", 1, []int{0}},        // the parts of customer-facing
		{"customer-facing", "change", 2, []int{0}}, // the whole compound, then the next word
		{"every", "customer-facing", 1, []int{0}},  // a word, then a compound
		{"every", "customer", 1, []int{0}},         // and its first part
		{"set", "base_url", 1, []int{0}},           // Set base_url
		{"base_url", "brief", 4, []int{0}},         // base_url in the brief
		{"url", "brief", 3, []int{0}},              // and its last part
		{"back", "launchdarkly", 3, []int{0}},      // back with the LaunchDarkly
		{"launchdarkly", "flag", 2, []int{0}},      // LaunchDarkly flag
		{"rollback", "rare", 2, []int{0}},          // Rollback is rare
		{"launched", "cafe", 3, []int{2}},          // launched in the café
		{"approvals", "ios", 2, []int{2}},          // approvals on iOS
		{"weekly", "review", 1, []int{1}},          // an Extra text
		{"product", "ops", 1, []int{0, 1}},         // the owner product-ops, the team Product Ops
		{"priya", "raman", 1, []int{1}},            // Priya Raman
	} {
		if got := d.pair(t, tc.a, tc.b, tc.d); !slices.Equal(got, tc.want) {
			t.Errorf("pair %s %s at %d: pages %v, want %v", tc.a, tc.b, tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"readiness", "launch", 1},   // never in that order
		{"launch", "readiness", 2},   // not that far apart
		{"readiness", "two-week", 3}, // the title, then the description: two texts
		{"readiness", "two", 3},
		{"kickoff", "set", 2}, // the heading, then its text
		{"roadmap", "now", 2}, // the title, then the heading
	} {
		if got := d.pair(t, tc.a, tc.b, tc.d); got != nil {
			t.Errorf("pair %s %s at %d: pages %v, want none", tc.a, tc.b, tc.d, got)
		}
	}
	// Compounds within compounds: .Page.IsZero is page.iszero, page,
	// iszero ("is" and "zero"), and "is" is a stop word.
	d2 := decode(t, Build([]Doc{{URL: "/", Title: "Code", Blocks: []Block{{Text: "Check .Page.IsZero first, then go-to-market plans."}}}}))
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"check", "page.iszero", 1}, {"check", "page", 1},
		{"page", "iszero", 1}, {"page", "zero", 2},
		{"page.iszero", "first", 3}, {"iszero", "first", 2}, {"zero", "first", 1},
		{"first", "go-to-market", 2}, {"first", "go", 2},
		{"go", "market", 2}, {"go-to-market", "plans", 3}, {"market", "plans", 1},
	} {
		if got := d2.pair(t, tc.a, tc.b, tc.d); !slices.Equal(got, []int{0}) {
			t.Errorf("pair %s %s at %d: pages %v, want [0]", tc.a, tc.b, tc.d, got)
		}
	}
	if n := len(d2.pairs); n != 12 {
		t.Errorf("%d pairs, want the 12 above", n)
	}

	for ref := range d.pairs {
		for _, w := range []string{"the", "is", "in"} {
			if e, ok := d.words[w]; ok && (ref.a == [2]int{e.shard, e.index} || ref.b == [2]int{e.shard, e.index}) {
				t.Errorf("the stop word %q is in the pair %v", w, ref)
			}
		}
	}
}

// TestIndexPairsCommon checks the phrases of a site where a word is on
// every page, many times: the word keeps no positions, only pairs, and a
// rare word keeps its positions too.
func TestIndexPairsCommon(t *testing.T) {
	var many []Doc
	for i := range 300 {
		text := strings.Repeat("common filler ", 4) + fmt.Sprintf("rare%d common end", i%100)
		many = append(many, Doc{URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("Page %d", i), Blocks: []Block{{Text: text}}})
	}
	d := decode(t, Build(many))
	common := d.words["common"]
	if _, ok := d.positions[[2]int{common.shard, common.index}]; ok {
		t.Error("common, 1,500 times on the site, has positions")
	}
	if got := d.at(t, "rare7", 7); !slices.Equal(got, []int{11}) {
		t.Errorf("rare7 in page 7: positions %v, want [11]", got)
	}
	if got := d.at(t, "rare7", 107); !slices.Equal(got, []int{11}) {
		t.Errorf("rare7 in page 107: positions %v, want [11]", got)
	}
	if got := d.pair(t, "common", "filler", 1); len(got) != 300 {
		t.Errorf("common filler: %d pages, want all 300", len(got))
	}
	if got := d.pair(t, "filler", "rare7", 1); !slices.Equal(got, []int{7, 107, 207}) {
		t.Errorf("filler rare7: pages %v, want 7, 107 and 207", got)
	}
	if got := d.pair(t, "rare7", "common", 1); !slices.Equal(got, []int{7, 107, 207}) {
		t.Errorf("rare7 common: pages %v, want 7, 107 and 207", got)
	}
	if got := d.pair(t, "filler", "common", 1); len(got) != 300 {
		t.Errorf("filler common: %d pages, want 300", len(got))
	}
	if got := d.pair(t, "filler", "end", 3); got != nil {
		t.Errorf("filler end at 3: pages %v, want none (rare%%d is between them)", got)
	}
}

// TestRice codes sets of pages of every density and reads them back.
func TestRice(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, density := range []float64{0.0005, 0.01, 0.2, 0.5, 0.95, 1} {
		var docs []int32
		for d := range int32(10000) {
			if r.Float64() < density {
				docs = append(docs, d)
			}
		}
		if len(docs) == 0 {
			docs = []int32{9999}
		}
		b := appendRice([]byte("x"), docs)
		got, next, ok := readRice(string(b), 1)
		if !ok || next != len(b) || !slices.Equal(got, docs) {
			t.Fatalf("density %v: read back %d pages ending at %d of %d, ok %v; want %d pages", density, len(got), next, len(b), ok, len(docs))
		}
		// Never much longer than a bitset of the site, six pages a digit.
		if len(b) > 10000/6+len(docs)/20+8 {
			t.Errorf("density %v: %d pages take %d digits", density, len(docs), len(b))
		}
	}
	if _, _, ok := readRice("3", 0); ok {
		t.Error("a list cut short reads")
	}
}

// TestWordCache fills the cache of words past several growths.
func TestWordCache(t *testing.T) {
	c := wordCache{seed: maphash.MakeSeed()}
	for i := range 5000 {
		c.put(fmt.Sprint("w", i), wordRef{word: int32(i), stem: int32(i / 2)})
	}
	c.put("w7", wordRef{word: 7, stem: 7, stop: true})
	for i := range 5000 {
		ref, ok := c.get([]byte(fmt.Sprint("w", i)))
		if !ok || ref.word != int32(i) || ref.stop != (i == 7) {
			t.Fatalf("w%d: %+v, %v", i, ref, ok)
		}
	}
	if _, ok := c.get([]byte("w5000")); ok {
		t.Error("a word never put is found")
	}
}

// TestPairStore records pairs of documents, some twice in a document, and
// lists each pair's documents once each, in order.
func TestPairStore(t *testing.T) {
	var s pairStore
	want := map[uint64][]int32{}
	for doc := range int32(300) {
		for k := range uint64(doc%17 + 1) {
			key := pairKey(int32(k), int32(doc%5), 1)
			s.add(key, doc)
			s.add(key, doc)
			if l := want[key]; len(l) == 0 || l[len(l)-1] != doc {
				want[key] = append(want[key], doc)
			}
		}
		s.endDoc(doc)
	}
	pages, start := s.lists()
	if len(s.keys) != len(want) {
		t.Fatalf("%d pairs, want %d", len(s.keys), len(want))
	}
	for i, k := range s.keys {
		if got := pages[start[i]:start[i+1]]; !slices.Equal(got, want[k]) {
			t.Errorf("pair %x: documents %v, want %v", k, got, want[k])
		}
	}
}

func TestPrefixKey(t *testing.T) {
	for _, p := range []string{"a", "ab", "é", "éz", "東京", "z"} {
		if got := prefixString(prefixKey([]byte(p))); got != p {
			t.Errorf("%q comes back as %q", p, got)
		}
	}
	if !(prefixKey([]byte("a")) < prefixKey([]byte("ab")) && prefixKey([]byte("ab")) < prefixKey([]byte("b")) && prefixKey([]byte("z")) < prefixKey([]byte("é"))) {
		t.Error("prefix keys do not sort as their strings")
	}
}

// TestBuildEarly checks that the files handed over early, with those
// returned, are the index of Build, each kind in one handing, the
// fragments first.
func TestBuildEarly(t *testing.T) {
	want := Build(docs)
	var got []File
	var kinds []string
	ix, err := BuildEarly(context.Background(), docs, func(files []File) {
		kinds = append(kinds, files[0].Name[strings.IndexByte(files[0].Name, '/')+1:][:1])
		got = append(got, files...)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(kinds) == 0 || kinds[0] != "f" {
		t.Errorf("kinds handed over early: %v, want the fragments first", kinds)
	}
	if ix.Files[0].Name != "index.js" || len(ix.Files) != 1 {
		t.Errorf("returned %d files, the first %s; want the manifest alone", len(ix.Files), ix.Files[0].Name)
	}
	got = append(got, ix.Files...)
	slices.SortFunc(got, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	all := slices.Clone(want.Files)
	slices.SortFunc(all, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	if len(got) != len(all) {
		t.Fatalf("%d files, want %d", len(got), len(all))
	}
	for i := range got {
		if got[i].Name != all[i].Name || !bytes.Equal(got[i].Data, all[i].Data) {
			t.Errorf("file %d: %s, want %s", i, got[i].Name, all[i].Name)
		}
	}
	if !maps.Equal(ix.Stats.Files, want.Stats.Files) || !maps.Equal(ix.Stats.Bytes, want.Stats.Bytes) {
		t.Errorf("stats %+v, want %+v", ix.Stats, want.Stats)
	}
}

// TestFragmentJSON checks the fragments written by hand: they read back as
// the texts they were made of, through text with every kind of character
// JSON escapes.
func TestFragmentJSON(t *testing.T) {
	tricky := []string{"", "plain", `quote " and \ backslash`, "tab\tline\nfeed\rcr\bbs\fff\x00\x1f", "<b>&amp;</b>",
		"line\u2028para\u2029sep", "bad \xff\xfe utf-8", "Tomás 東京 😀", strings.Repeat("x", 130), "éé" + strings.Repeat("é", 120) + "\xff"}
	var docs []Doc
	for _, s := range tricky {
		docs = append(docs, Doc{URL: "/a/" + s, Title: s, Section: s, Description: s, Blocks: []Block{
			{Anchor: "", Heading: "", Text: s},
			{Anchor: "x-" + s, Heading: s, Text: "First. " + s + " end."},
			{Anchor: "review-cadence", Heading: "Review cadence", Text: s + strings.Repeat(" word", 40)},
		}}, Doc{URL: "/a/" + s + "/b/", Title: "B", Section: s})
	}
	ix := Build(docs)
	got := decode(t, ix).frags
	valid := func(s string) string { return string([]rune(s)) }
	for i, d := range docs {
		f := got[i]
		if f[0] != valid(d.URL) || f[1] != valid(d.Title) || f[2] != valid(d.Section) || f[3] != valid(d.Description) {
			t.Errorf("page %d: fragment %q, want %q %q %q %q", i, f[:4], d.URL, d.Title, d.Section, d.Description)
		}
		blocks := f[4].([]any)
		if len(blocks) != len(d.Blocks) {
			t.Fatalf("page %d: %d blocks, want %d", i, len(blocks), len(d.Blocks))
		}
		for j, b := range d.Blocks {
			anchor := b.Anchor
			if s, ok := plainSlug(b.Heading); ok && s == anchor {
				anchor = ""
			}
			want := []any{valid(anchor), valid(b.Heading), valid(snippet(b.Text, snippetRunes))}
			if g := blocks[j].([]any); g[0] != want[0] || g[1] != want[1] || g[2] != want[2] {
				t.Errorf("page %d, block %d: %q, want %q", i, j, g, want)
			}
		}
	}
	// Read back by the browser's JSON.parse, which the files are made for:
	// the same JSON as encoding/json's.
	for _, s := range tricky {
		if got, want := string(appendJSONString(nil, s)), string(marshal(s)); got != want {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}

// TestDocSet codes sets of pages as lists, lists of the pages left out,
// or bitsets, whichever is shortest, and reads them back.
func TestDocSet(t *testing.T) {
	const n = 1000
	r := rand.New(rand.NewSource(2))
	d := &decoded{manifest: map[string]any{"docs": float64(n)}}
	for _, tc := range []struct {
		density float64
		form    byte // the first digit: a list's is even, the others' odd, a bitset's 0
		maxLen  int
	}{
		{0.01, 'e', 40}, {0.5, '0', 170}, {0.995, 'o', 40}, {1, 'o', 4},
	} {
		var set []int32
		for doc := range int32(n) {
			if r.Float64() < tc.density {
				set = append(set, doc)
			}
		}
		b := appendDocSet([]byte("x"), n, len(set), slices.Values(set))
		v, _, _ := readNum(string(b), 1)
		form := byte('0')
		if v > 0 && v%2 == 0 {
			form = 'e'
		} else if v%2 == 1 {
			form = 'o'
		}
		if form != tc.form || len(b)-1 > tc.maxLen {
			t.Errorf("density %v: %d pages written in %d digits, form %c; want form %c in at most %d", tc.density, len(set), len(b)-1, form, tc.form, tc.maxLen)
		}
		got := d.docSet(&numbers{s: string(b), i: 1, t: t})
		if len(got) != len(set) {
			t.Fatalf("density %v: read back %d pages, want %d", tc.density, len(got), len(set))
		}
		for i := range got {
			if int32(got[i]) != set[i] {
				t.Fatalf("density %v: page %d read back as %d, want %d", tc.density, i, got[i], set[i])
			}
		}
	}
}
