package search

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// benchDocs makes n pages of made-up words, a few kilobytes each, with a
// Zipf-like spread of words as in real text.
func benchDocs(n int) []Doc {
	r := rand.New(rand.NewSource(1))
	syl := []string{"ka", "ro", "ta", "ven", "mi", "lo", "dra", "sen", "tor", "qui", "pel", "zan", "fi", "ber", "nu", "sta", "gri", "mon"}
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for k := 2 + r.Intn(3); k > 0; k-- {
			b.WriteString(syl[r.Intn(len(syl))])
		}
		vocab[i] = b.String()
	}
	zipf := rand.NewZipf(r, 1.05, 1, uint64(len(vocab)-1))
	text := func(words int) string {
		ws := make([]string, words)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{URL: fmt.Sprintf("/p/%d/", i), Title: text(3), Description: text(15), Type: "page", Team: "Team " + syl[i%len(syl)], Tags: []string{vocab[i%300]}}
		for h := range 6 {
			d.Blocks = append(d.Blocks, Block{Anchor: fmt.Sprintf("h%d", h), Heading: text(3), Text: text(110) + " base_url " + vocab[r.Intn(len(vocab))] + "_id"})
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkBuild indexes 2,000 pages of about 4 KB; it reports the size
// of the index files.
func BenchmarkBuild(b *testing.B) {
	docs := benchDocs(2000)
	var ix *Index
	for b.Loop() {
		ix = Build(docs)
	}
	total := 0
	for _, f := range ix.Files {
		total += len(f.Data)
	}
	b.ReportMetric(float64(total)/float64(len(docs)), "index-bytes/page")
}
