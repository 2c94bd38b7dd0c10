// Package search builds the full-text index of a site, in files that the
// browser reads a few at a time (assets/search.js is the reader).
//
// # Words
//
// Text is cut into words at anything that is not a letter, a digit or a
// combining mark (Unicode categories L, N and M). Words are lower-cased;
// Latin letters lose their accents (é -> e) and combining accents are
// dropped. A run of words joined by '_', '-' or '.' (snake_case,
// kebab-case, opsdocs.yaml), or written in camelCase (LaunchDarkly,
// HTTPServer, but not KPIs), is a compound: it is indexed whole, with its
// joiners, and part by part. Words of plain ASCII letters are reduced to
// their English stem with the Snowball (Porter2) stemmer: "planning" and
// "plans" are both "plan". Common English words (stopWords) are indexed in
// titles and headings only. Words longer than 40 letters are left out.
//
// Chinese, Japanese and Korean are not written with spaces between words,
// so a run of Han, Hiragana, Katakana or Hangul letters is indexed as its
// overlapping pairs of letters (検索エンジン: 検索, 索エ, エン, ンジ, ジン), a
// letter on its own as itself. The browser cuts a query the same way and
// requires the pairs in order, as a phrase: 东京都 does not find a page
// that has 东京 and 京都 apart.
//
// # Positions and pairs
//
// Every word of a page has a position, for phrase queries: the title's
// words first, then those of the meta texts, then each block's heading and
// text, with one position left free after each text. A compound takes one
// position per part not cut further (base_url two, .Page.IsZero three),
// and starts at its first part's. Stop words take their place but are not
// indexed in the meta texts and the bodies.
//
// Phrases are found with pairs of words. Within one text, each word that
// is not a stop word pairs with the next word not cut further, when at
// most three positions (stop words, or words too long to index) lie
// between them, and with every word that starts by then; a pair is the
// two stems and the distance between the starts of the words. "Set
// .Page.IsZero first" pairs set with page.iszero (1) and page (1), page
// with iszero (1, its "is" a stop word) and zero (2), and page.iszero,
// iszero and zero with first (3, 2 and 1). The index lists the pages of
// every pair, so a phrase of two words reads one list, and a longer phrase
// one list per two words that follow each other.
//
// Pairs do not say that two pairs of a phrase are at one place of the
// page; positions do, and the positions of a stem of few occurrences (at
// most positionedMax) are kept, so that a phrase of three words or more
// whose words are all such stems is checked on them. The positions of
// stop words are kept too, for phrases of stop words alone ("who we
// are"), which have no pairs. The other stems, found on most pages, would
// have the largest positions of the index, and keep none.
//
// # Fields and ranking
//
// Each page has four fields: its title; its headings; its meta (the
// description, tags, team, owner, type, section trail and Extra texts);
// and its text. A posting records, for one stem and one page, the stem's
// frequency in each field divided by BM25's length normalisation
// (1 - b + b * length / average length), in quarters. The browser weighs
// the fields, saturates the sum and multiplies by the stem's idf: BM25F.
// A posting also names the block (the text under one heading) where the
// stem weighs most, so that a result can open the page at that heading.
//
// A stem found on most pages weighs little (its idf is small), yet its
// postings would be the largest file a query loads. So a stem of more
// than 512 pages keeps in full only its 128 postings of most weight (the
// field levels weighed as the browser weighs them); its other pages are
// listed in tiers, each a set of pages sharing the posting of its median
// page, without a block: the pages with the stem in their title, and the
// rest. Every page that has the stem is still listed, so that a query
// for several words finds the same pages; only the scores of the lighter
// pages are approximate.
//
// # Files
//
// Every file is a script calling opsdocsIndex(name, data) with a JSON
// value; a page served over HTTP fetches it and parses the JSON, a page
// opened from disk runs it. Numbers are written in a base-64 variable
// length code of five bits a digit, least significant first (appendNum).
// The manifest, index.js, holds a version (which changes with any file),
// the folder of each kind of file, the number of pages, the average field
// lengths, the stop words, the first word of each dictionary shard, the
// first letters that have prefix tables, the first page of each fragment
// group and the first postings shard of each phrases shard, as gaps. Each kind of file lives in a folder of its own
// named after a hash of its files, so that a kind that did not change
// keeps its folder, and so that a build writes the files of one kind while
// it makes the next (the fragments first, while it reads the pages):
//
//	wN.js      dictionary shard N: ["front-coded words", "references"]. Each
//	           word is the length it shares with the previous word, the
//	           rest of it and a space; each reference is the change of
//	           postings shard from the previous word's (signed), the
//	           stem's place in that shard and its document frequency.
//	           Words are in JavaScript string order.
//	pN.js      postings shard N: one string holding, for each stem, the
//	           number of postings in full times four plus the number of
//	           tiers, the postings in full, then the tiers. A posting in
//	           full is the gap from the previous page, the body level
//	           times two plus one if other fields follow, then if so the
//	           title level (and when it is not zero the number of words
//	           of the title), the heading level and the meta level, and
//	           last the block plus one (zero for none). A tier is a
//	           posting without gap or block, shared by a set of pages:
//	           their number times two and the gaps between them, the
//	           number of the other pages of the site times two plus one
//	           and the gaps between those, or zero and a bitset of six
//	           pages a digit, whichever is shortest.
//	qN.js      phrases shard N: for each postings shard from the one the
//	           manifest names for N to the one before the next's, the
//	           number of its stems, and for each of them the number of
//	           pairs it starts times two, plus one if it keeps its
//	           positions. If it starts pairs: the pairs file and the
//	           place in it of the first pair's list, then for each pair,
//	           in the order of the second stem and the distance, the
//	           second stem's postings shard and place (as changes from the
//	           pair before: the shard's, and the place's if the shard is
//	           the same; else the place itself) and the distance times two
//	           plus one if its list is the first of the next pairs file
//	           (else it is the next in the same file). If it keeps its
//	           positions: its number of pages, then for each in page
//	           order its positions in the page: for one position, the
//	           position times two plus one; for several, their number
//	           times two, the first, and the gap before each other minus
//	           one.
//	xN.js      pairs file N: lists of pages, one per pair, in the order
//	           of the first stem, the second and the distance. Each is
//	           Rice-coded: the number of pages, k, then for each page its
//	           gap from the page before (from -1 for the first) less one,
//	           g: g >> k one bits and a zero bit, then the k low bits of g,
//	           least significant first, in digits of six bits filled from
//	           the lowest, the last one padded with zero bits.
//	fN.js      fragment group N: per page, [url, section, title,
//	           description, heading, snippet, heading, snippet, ...].
//	           After the first page of the group, a url that shares more
//	           than two letters with the one before is that length (a
//	           number as above) and the rest, and a section the same as
//	           the one before is 0. A heading is [anchor, heading] unless
//	           its anchor is its plain slug (ASCII, lower case, spaces made
//	           '-', only letters, digits, '-' and '_' kept), or both are
//	           empty (the text before the first heading). The snippet is
//	           the block's first sentences, or failing that its first
//	           words, in at most 100 letters.
//	sN.js      prefix table N: for each one- and two-letter start of a
//	           word of the titles and descriptions with one first letter,
//	           the best pages in order.
//	facets.js  for type, team, owner and tags, each value with its pages:
//	           "l" and gaps, or "b" and a bitset of six pages a digit.
//
// Shards are cut at a few kilobytes (a postings list longer than that has
// a shard of its own), so a query loads the manifest, a dictionary shard
// and a postings shard per word, and a fragment group per result shown.
// Only a quoted phrase loads phrases shards, those of each word but the
// last (and of the last when positions are read), and the pairs files of
// its pairs.
package search
