package search

import (
	"slices"
	"strings"
)

// facetNames are the facets of the index, in the order the search page
// shows them.
var facetNames = []string{"type", "team", "owner", "tags"}

// facets encodes, for each facet, each of its values with the documents
// that have it: [[value, docs], ...] sorted by value. The documents are
// either "l" and a list of gaps between document numbers, or "b" and a
// bitset, six documents per character, whichever is shorter.
func facets(docs []Doc) []byte {
	values := map[string]map[string][]int{}
	for _, f := range facetNames {
		values[f] = map[string][]int{}
	}
	for i, d := range docs {
		if d.Type != "" {
			values["type"][d.Type] = append(values["type"][d.Type], i)
		}
		if t := strings.TrimSpace(d.Team); t != "" {
			values["team"][t] = append(values["team"][t], i)
		}
		if o := strings.TrimSpace(d.Owner); o != "" {
			values["owner"][o] = append(values["owner"][o], i)
		}
		for _, t := range d.Tags {
			t = strings.TrimSpace(t)
			// A tag written twice on one page counts once.
			if l := values["tags"][t]; t != "" && (len(l) == 0 || l[len(l)-1] != i) {
				values["tags"][t] = append(l, i)
			}
		}
	}
	out := map[string][][2]string{}
	for _, f := range facetNames {
		names := make([]string, 0, len(values[f]))
		for v := range values[f] {
			names = append(names, v)
		}
		slices.SortFunc(names, compareUTF16)
		list := make([][2]string, 0, len(names))
		for _, v := range names {
			list = append(list, [2]string{v, docSet(values[f][v], len(docs))})
		}
		out[f] = list
	}
	return marshal(out)
}

// docSet encodes a sorted list of document numbers.
func docSet(docs []int, n int) string {
	gaps := []byte{'l'}
	prev := -1
	for _, d := range docs {
		gaps = appendNum(gaps, uint64(d-prev-1))
		prev = d
	}
	if len(gaps) <= 1+(n+5)/6 {
		return string(gaps)
	}
	bits := make([]byte, 1+(n+5)/6)
	bits[0] = 'b'
	for i := 1; i < len(bits); i++ {
		bits[i] = 0
	}
	for _, d := range docs {
		bits[1+d/6] |= 1 << (d % 6)
	}
	for i := 1; i < len(bits); i++ {
		bits[i] = digits[bits[i]]
	}
	return string(bits)
}
