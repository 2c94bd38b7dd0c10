/* Search: the engine that reads the index under search/ (see package
   generator/search for its format), and the search box in the header.
   search-page.js drives the full search page with the same engine. */
(function () {
  "use strict";

  /* ---- Where the index is, and how to load it ---------------------- */

  // The script is root/assets/search.<hash>.js: the site's root and the
  // index follow from it, under any base path and from disk alike.
  var root = document.currentScript.src.replace(/assets\/[^\/]*$/, "");
  var fromDisk = location.protocol === "file:";
  var rootPath = fromDisk ? root : new URL(root).pathname;
  var loaded = {}, waiting = {};

  // Index files are scripts that call opsdocsIndex(name, data). Over HTTP
  // they are fetched and their JSON parsed; from disk, where fetch is not
  // allowed, they are run as scripts.
  window.opsdocsIndex = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };
  function load(path) {
    if (loaded[path]) return loaded[path];
    var url = root + "search/" + path + ".js", name = path.replace(/^.*\//, "");
    var p = fromDisk ? new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      waiting[name] = function (data) { delete waiting[name]; s.remove(); resolve(data); };
      s.onerror = function () { s.remove(); reject(new Error("cannot load " + url)); };
      s.src = url;
      document.head.appendChild(s);
    }) : fetch(url, path === "index" ? { cache: "no-cache" } : {}).then(function (r) {
      if (!r.ok) throw new Error("cannot load " + url + ": " + r.status);
      return r.text();
    }).then(function (t) {
      return JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")")));
    });
    p.catch(function () { delete loaded[path]; });
    return (loaded[path] = p);
  }

  /* ---- Numbers, words ----------------------------------------------- */

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", VAL = [];
  for (var d = 0; d < 64; d++) VAL[DIGITS.charCodeAt(d)] = d;
  // Reader reads the numbers of a string: five bits a digit, low first.
  function Reader(s) { this.s = s; this.i = 0; }
  Reader.prototype.num = function () {
    var n = 0, mul = 1, v;
    while ((v = VAL[this.s.charCodeAt(this.i++)]) >= 32) { n += (v - 32) * mul; mul *= 32; }
    return n + v * mul;
  };
  Reader.prototype.int = function () { var u = this.num(); return u % 2 ? -(u + 1) / 2 : u / 2; };
  Reader.prototype.more = function () { return this.i < this.s.length; };

  // A run is either Chinese, Japanese or Korean letters, which the index
  // takes in overlapping pairs, or other letters, digits and marks, joined
  // by "_", "." or "-".
  var C = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc";
  var W = "(?:(?![" + C + "])[\\p{L}\\p{N}\\p{M}])";
  var RUN = new RegExp("[" + C + "]+|" + W + "+(?:[_.\\-]" + W + "+)*", "gu"), CJK = new RegExp("^[" + C + "]", "u");
  var LOWER = /\p{Ll}/u, UPPER = /\p{Lu}/u, JOINER = /[_.\-]/g;

  // fold lower-cases a word and takes the accents off Latin letters, as
  // the index does.
  function fold(s) {
    return s.toLowerCase().replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, function (c) {
      var n = c.normalize("NFD");
      return /^[a-z][\u0300-\u036f]+$/.test(n) ? n[0] : c;
    }).replace(/[\u0300-\u036f]/g, "");
  }

  // split cuts a run of word characters at its joiners, or failing any,
  // at its camelCase humps, as the index does.
  function split(run) {
    var segs = run.split(JOINER);
    if (segs.length > 1) return segs;
    var cs = Array.from(run), out = [], start = 0;
    for (var i = 1; i < cs.length; i++) {
      if (LOWER.test(cs[i - 1]) && UPPER.test(cs[i]) ||
          UPPER.test(cs[i - 1]) && UPPER.test(cs[i]) && i + 2 < cs.length && LOWER.test(cs[i + 1]) && LOWER.test(cs[i + 2])) {
        out.push(cs.slice(start, i).join(""));
        start = i;
      }
    }
    out.push(cs.slice(start).join(""));
    return out;
  }

  // compound is a run as a term: {word, parts}, parts being the terms of
  // its pieces when it has several.
  function compound(run) {
    var ps = split(run);
    return { word: fold(run), parts: ps.length > 1 ? ps.map(compound) : [] };
  }

  // pairs cuts a run of Chinese, Japanese or Korean letters into its
  // overlapping pairs of letters, or its one letter, as the index does.
  function pairs(run) {
    var cs = Array.from(run), out = [];
    for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
    return out.length ? out : cs;
  }

  // words splits text into runs: {text, start, end, words, cjk}, words
  // being the folded run and all its pieces, or the pairs of letters of a
  // run of Chinese, Japanese or Korean.
  function words(text) {
    var out = [], m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text))) {
      var ws = [], cjk = CJK.test(m[0]);
      if (cjk) ws = pairs(m[0]);
      else (function add(t) { ws.push(t.word); t.parts.forEach(add); })(compound(m[0]));
      out.push({ text: m[0], start: m.index, end: m.index + m[0].length, words: ws, cjk: cjk });
    }
    return out;
  }

  /* ---- The index ---------------------------------------------------- */

  // Field weights and the BM25 saturation constant. A term's weight in a
  // page is its weighted frequency tf = sum of weight x frequency over the
  // fields (each frequency already divided by the field's relative length
  // in the index), saturated: tf (k1 + 1) / (k1 + tf), times its idf.
  var W_TITLE = 10, W_HEADING = 4, W_META = 3, W_BODY = 1, K1 = 1.5;
  var MAX_EXPANSION = 8, PREFIX_WEIGHT = 0.9, TYPO_WEIGHT = [1, 0.6, 0.4];
  // The most stop words a pair of words skips in the index.
  var MAX_SKIP = 3;

  var manifest = null;
  function ready() {
    return load("index").then(function (m) {
      if (manifest && manifest.version === m.version) return manifest;
      m.stopSet = {};
      m.stop.split(" ").forEach(function (w) { m.stopSet[w] = true; });
      var r = new Reader(m.fragments), first = 0;
      m.groups = [];
      while (r.more()) m.groups.push(first += r.num());
      r = new Reader(m.phrases);
      m.phraseFiles = [];
      for (first = 0; r.more();) m.phraseFiles.push(first += r.num());
      m.dicts = {};
      m.postings = {};
      m.phrases = {};
      m.pairFiles = {};
      m.frags = {};
      return (manifest = m);
    });
  }
  // file loads a file of the index from the folder of its kind.
  function file(name) {
    return load(manifest.folders[name === "facets" ? name : name[0]] + "/" + name);
  }

  // dictionary returns the words of dictionary shard i, parsed.
  function dictionary(i) {
    if (manifest.dicts[i]) return manifest.dicts[i];
    return (manifest.dicts[i] = file("w" + i).then(function (d) {
      var t = new Reader(d[0]), r = new Reader(d[1]), ws = [], keys = [], dfs = [], prev = "", shard = 0;
      while (t.more()) {
        var shared = t.num(), end = d[0].indexOf(" ", t.i);
        prev = prev.slice(0, shared) + d[0].slice(t.i, end);
        t.i = end + 1;
        shard += r.int();
        ws.push(prev);
        keys.push(shard + ":" + r.num());
        dfs.push(r.num());
      }
      return { words: ws, keys: keys, df: dfs };
    }));
  }

  // shardsFor lists the dictionary shards that may hold words starting with p.
  function shardsFor(p) {
    var first = manifest.dict, lo = 0, hi = first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (first[mid] <= p) lo = mid; else hi = mid - 1;
    }
    var out = [lo];
    for (var i = lo + 1; i < first.length && first[i].slice(0, p.length) === p; i++) out.push(i);
    return out;
  }
  function dictionaries(p) { return Promise.all(shardsFor(p).map(dictionary)); }

  // postings returns the lists of postings shard s: per stem, its
  // documents, their weighted term frequency saturated (tf (k1 + 1) /
  // (k1 + tf)) and their fields. A long list holds its heaviest postings in
  // full, then tiers of documents that share one posting.
  function postings(s) {
    if (manifest.postings[s]) return manifest.postings[s];
    return (manifest.postings[s] = file("p" + s).then(function (data) {
      var r = new Reader(data), lists = [], bitsetLen = Math.ceil(manifest.docs / 6);
      while (r.more()) {
        var h = r.num(), full = h >> 2, tiers = h & 3, docs = [], ps = [], doc = -1, next, j;
        for (j = 0; j < full; j++) {
          docs.push(doc += r.num() + 1);
          ps.push(posting(r, true));
        }
        for (var t = 0; t < tiers; t++) {
          // A tier's pages: a list (its length times two first), the
          // list of the pages left out (times two plus one), or a bitset.
          var p = posting(r, false), v = r.num();
          if (v % 2) {
            for (j = 0, doc = -1, next = 0; j < (v - 1) / 2; j++) {
              doc += r.num() + 1;
              for (; next < doc; next++) { docs.push(next); ps.push(p); }
              next = doc + 1;
            }
            for (; next < manifest.docs; next++) { docs.push(next); ps.push(p); }
            continue;
          }
          if (v) {
            for (j = 0, doc = -1; j < v / 2; j++) {
              docs.push(doc += r.num() + 1);
              ps.push(p);
            }
            continue;
          }
          for (j = 0; j < bitsetLen; j++) {
            var bits = VAL[data.charCodeAt(r.i++)];
            for (var b = 0; bits; b++, bits >>= 1) if (bits & 1) { docs.push(j * 6 + b); ps.push(p); }
          }
        }
        var n = docs.length, l = { docs: Int32Array.from(docs), sat: new Float32Array(n), title: new Uint8Array(n), titleWords: new Uint8Array(n), blk: new Uint16Array(n) };
        for (j = 0; j < n; j++) {
          p = ps[j];
          l.sat[j] = p.tf * (K1 + 1) / (K1 + p.tf);
          l.title[j] = p.title;
          l.titleWords[j] = p.titleWords;
          l.blk[j] = p.blk;
        }
        lists.push(l);
      }
      return lists;
    }));
  }

  // posting reads one document's fields: the levels of the body, title,
  // headings and meta, in quarters, weighed and summed; whether the title
  // has the word and its number of words; and the block where the word
  // weighs most.
  function posting(r, withBlock) {
    var a = r.num(), tf = (a >> 1) * W_BODY, title = 0, titleWords = 0;
    if (a & 1) {
      title = r.num();
      if (title) titleWords = r.num();
      tf += title * W_TITLE + r.num() * W_HEADING + r.num() * W_META;
    }
    return { tf: tf / 4, title: title ? 1 : 0, titleWords: titleWords, blk: withBlock ? r.num() : 0 };
  }

  // phraseShard returns what phrases need of the stems of postings shard
  // s: per stem, its pairs {"shard:index:distance": [file, list]}, naming
  // the second word's stem, how many places after the first it starts,
  // and where the pages of the pair are; and, if the stem keeps them, its
  // positions: its documents in order, and for document i its positions
  // pos[start[i]] to pos[start[i + 1] - 1]. The phrases file that holds
  // shard s holds the shards after it up to the next file's first.
  function phraseShard(s) {
    if (manifest.phrases[s]) return manifest.phrases[s];
    var f = manifest.phraseFiles, lo = 0, hi = f.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (f[mid] <= s) lo = mid; else hi = mid - 1;
    }
    return (manifest.phrases[s] = Promise.all([postings(s), file("q" + lo)]).then(function (x) {
      var r = new Reader(x[1]);
      for (var t = f[lo]; t < s; t++) readSection(r, null);
      return readSection(r, x[0]);
    }));
  }

  // readSection reads the phrases of the stems of one postings shard, and
  // returns them if lists, that shard's postings, are given, or skips them.
  function readSection(r, lists) {
    var stems = r.num(), out = [], i, j;
    for (var k = 0; k < stems; k++) {
      var h = r.num(), n = Math.floor(h / 2), pairs = {};
      if (n) {
        var f = r.num(), at = r.num(), shard = 0, index = 0;
        for (j = 0; j < n; j++) {
          var ds = r.num(), di = r.num(), dn = r.num();
          if (j === 0) { shard = ds; index = di; }
          else if (ds === 0) index += di;
          else { shard += ds; index = di; }
          if (j > 0 && dn % 2) { f++; at = 0; } else if (j > 0) at++;
          pairs[shard + ":" + index + ":" + Math.floor(dn / 2)] = [f, at];
        }
      }
      if (!(h % 2)) { out.push({ pairs: pairs, positions: null }); continue; }
      var count = r.num(), start = new Int32Array(count + 1), pos = [];
      for (i = 0; i < count; i++) {
        start[i] = pos.length;
        var c = r.num();
        if (c % 2) { pos.push((c - 1) / 2); continue; }
        for (j = 0, at = -1; j < c / 2; j++) pos.push(at += r.num() + 1);
      }
      start[count] = pos.length;
      out.push({ pairs: pairs, positions: lists && { docs: Int32Array.from(lists[k].docs).sort(), start: start, pos: Int32Array.from(pos) } });
    }
    return out;
  }

  // pairFile returns the lists of pairs file f, each the pages of a pair
  // in order. A list is Rice-coded: its length n, k, then per page the gap
  // g from the one before, less one, as g >> k one bits and a zero bit,
  // then the k low bits of g; six bits a digit, lowest first.
  function pairFile(f) {
    if (manifest.pairFiles[f]) return manifest.pairFiles[f];
    return (manifest.pairFiles[f] = file("x" + f).then(function (s) {
      var r = new Reader(s), lists = [];
      while (r.more()) {
        var n = r.num(), k = r.num(), docs = new Int32Array(n), i = r.i, bit = 6, cur = 0, doc = -1;
        for (var j = 0; j < n; j++) {
          var g = 0, low = 0, b;
          for (;;) {
            if (bit === 6) { cur = VAL[s.charCodeAt(i++)]; bit = 0; }
            if (!(cur >> bit++ & 1)) break;
            g++;
          }
          for (b = 0; b < k; b++) {
            if (bit === 6) { cur = VAL[s.charCodeAt(i++)]; bit = 0; }
            low += (cur >> bit++ & 1) * (1 << b);
          }
          docs[j] = doc += g * (1 << k) + low + 1;
        }
        r.i = i;
        lists.push(docs);
      }
      return lists;
    }));
  }

  /* ---- Matching query words to the index ----------------------------- */

  // distance is the edit distance between a and b (letters added,
  // removed, changed, or swapped with their neighbour), or max + 1 when it
  // is larger than max. With prefix, it is the distance between a and the
  // closest start of b. Its rows are kept between calls.
  var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  function distance(a, b, max, prefix) {
    var m = a.length, n = prefix ? Math.min(b.length, m + max) : b.length;
    if (m > 60 || n > 60 || !prefix && Math.abs(m - n) > max || n < m - max) return max + 1;
    var prev2 = rows[0], prev = rows[1], cur = rows[2], j;
    for (j = 0; j <= n; j++) prev[j] = j;
    for (var i = 1; i <= m; i++) {
      cur[0] = i;
      var low = i, ai = a.charCodeAt(i - 1);
      for (j = 1; j <= n; j++) {
        var bj = b.charCodeAt(j - 1), v = prev[j - 1] + (ai === bj ? 0 : 1);
        if (prev[j] + 1 < v) v = prev[j] + 1;
        if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
        if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    var d = prev[n];
    if (prefix) for (j = Math.max(0, m - max); j < n; j++) if (prev[j] < d) d = prev[j];
    return d;
  }

  // match finds the index words a query word stands for: itself, the
  // words it begins (when it is being typed), and failing both, words one
  // typo away (two for words of eight letters or more; none below four).
  // Each match is {key, df, weight, words}: key names the stem's postings,
  // words are the words of the index that share the stem.
  function match(w, prefix) {
    var found = [], byKey = {}, loadedShards = [];
    function add(d, i, weight) {
      var k = d.keys[i], m = byKey[k];
      if (!m) found.push(byKey[k] = { key: k, df: d.df[i], weight: weight, words: [] });
      else m.weight = Math.max(m.weight, weight);
    }
    function done() {
      found = limit(found);
      byKey = {};
      found.forEach(function (m) { byKey[m.key] = m; });
      loadedShards.forEach(function (d) {
        for (var i = 0; i < d.words.length; i++) if (byKey[d.keys[i]]) byKey[d.keys[i]].words.push(d.words[i]);
      });
      return found;
    }
    var shards = shardsFor(w);
    return Promise.all((prefix ? shards : shards.slice(0, 1)).map(dictionary)).then(function (ds) {
      loadedShards = ds;
      ds.forEach(function (d) {
        for (var i = 0; i < d.words.length; i++) {
          var x = d.words[i];
          if (x === w) add(d, i, 1);
          else if (prefix && x.slice(0, w.length) === w) add(d, i, PREFIX_WEIGHT);
        }
      });
      var len = Array.from(w).length;
      if (found.length || len < 4) return done();
      var max = len >= 8 ? 2 : 1;
      // Words one typo away if any, else two, among the words that start
      // with the same two letters, or with the first and the third (a
      // second letter missing, or swapped with the third).
      var cs = Array.from(w), near = shardsFor(cs[0] + cs[1]), also = shardsFor(cs[0] + cs[2]);
      also.forEach(function (i) { if (near.indexOf(i) < 0) near.push(i); });
      return Promise.all(near.map(dictionary)).then(function (ds) {
        loadedShards = ds;
        var found = [];
        ds.forEach(function (d) {
          for (var i = 0; i < d.words.length; i++) {
            var e = distance(w, d.words[i], max, prefix);
            if (e <= max) found.push([e, d, i]);
          }
        });
        var closest = found.reduce(function (a, x) { return Math.min(a, x[0]); }, max);
        found.forEach(function (x) { if (x[0] === closest) add(x[1], x[2], TYPO_WEIGHT[x[0]]); });
        return done();
      });
    });
  }

  // limit keeps the best matches of a short prefix: exact words first,
  // then the most frequent.
  function limit(found) {
    found.sort(function (a, b) { return b.weight - a.weight || b.df - a.df; });
    return found.slice(0, MAX_EXPANSION);
  }

  // parse turns a query into terms {word, prefix, optional, parts, phrase,
  // at}. The word being typed (the last, with no space after it) is a
  // prefix. Stop words are dropped unless the query holds nothing else; a
  // stop word being typed, and a word of one or two letters being typed
  // after others, are optional: they add to the score of the pages that
  // have them (a word they begin counts, as the reader has not finished
  // it), but pages without them are found too. Words between quotes
  // ("...", “...”; a quote left open runs to the end) are a phrase: phrase
  // numbers it, at is the word's place in it, counted as the index counts
  // positions. Chinese, Japanese and Korean are searched by their pairs of
  // letters, which must follow each other as in a phrase.
  var QUOTE = /["\u201c\u201d\u201e]/;
  function parse(q) {
    var runs = [], terms = [], content = 0, m, phrase = -1, phrases = 0, at = 0, last = 0;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(q))) runs.push(m);
    runs.forEach(function (r, i) {
      for (; last < r.index; last++) {
        if (QUOTE.test(q[last])) phrase = phrase < 0 ? (at = 0, phrases++) : -1;
      }
      last = r.index + r[0].length;
      var typing = i === runs.length - 1 && last === q.length;
      if (CJK.test(r[0])) {
        var ps = pairs(r[0]), alone = Array.from(r[0]).length === 1, own = phrase < 0 && ps.length > 1 ? phrases++ : phrase;
        ps.forEach(function (p, j) {
          // A letter alone stands for the pairs it begins.
          var t = { word: p, parts: [], cjk: true, prefix: alone || typing && j === ps.length - 1 };
          if (own >= 0) {
            t.phrase = own;
            t.at = (own === phrase ? at : 0) + j;
          }
          content++;
          terms.push(t);
        });
        if (phrase >= 0) at += ps.length;
        return;
      }
      var t = compound(r[0]);
      if (phrase >= 0) {
        t.phrase = phrase;
        t.at = at;
        at += leaves(t);
      }
      if (t.word.length > 40) return;
      t.prefix = typing;
      t.stop = !t.parts.length && !!manifest.stopSet[t.word];
      if (!t.stop) content++;
      terms.push(t);
    });
    if (!content) return terms;
    return terms.filter(function (t) {
      if (t.stop) return t.optional = t.prefix;
      if (t.prefix && content > 1 && !t.cjk && Array.from(t.word).length < 3) t.optional = true;
      return true;
    });
  }

  // leaves is the number of positions a word takes: one, or one per piece
  // of a compound not cut further.
  function leaves(t) {
    return t.parts.length ? t.parts.reduce(function (n, p) { return n + leaves(p); }, 0) : 1;
  }

  // resolve matches every term, standing a compound the index does not
  // hold whole for its pieces (stop words aside).
  function resolve(terms) {
    return Promise.all(terms.map(function resolveTerm(t) {
      return match(t.word, t.prefix).then(function (ms) {
        if (ms.length || !t.parts.length) return [{ term: t, matches: ms }];
        var at = t.at;
        t.parts.forEach(function (p) {
          p.phrase = t.phrase;
          p.at = at;
          at += leaves(p);
        });
        var pieces = t.parts.filter(function (p) { return p.parts.length || !manifest.stopSet[p.word]; });
        pieces.forEach(function (p, i) {
          p.prefix = t.prefix && i === pieces.length - 1;
          p.optional = t.optional;
        });
        return Promise.all(pieces.map(resolveTerm)).then(function (lists) { return [].concat.apply([], lists); });
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  /* ---- Ranking ------------------------------------------------------ */

  // search runs a query. It resolves to {hits: [{doc, score, blk,
  // partial}], total, mode, highlight: {words, prefixes}} with hits in rank
  // order; partial marks a page that lacks one of the words. opts.filter,
  // when given, is a Uint8Array that keeps document i when filter[i] is 1.
  function search(q, opts) {
    opts = opts || {};
    return ready().then(function (m) {
      var terms = parse(q);
      if (!terms.length) return { hits: [], total: 0, highlight: { words: {}, prefixes: [] } };
      var n = Array.from(terms[0].word).length;
      if (terms.length === 1 && terms[0].prefix && (n === 1 || n === 2 && !terms[0].cjk)) return short(terms[0].word, opts);
      return resolve(terms).then(function (groups) { return rank(m, groups, opts); });
    });
  }

  // short answers a query of one or two letters from the prefix tables.
  function short(p, opts) {
    var first = Array.from(p)[0], i = manifest.prefixes.indexOf(first);
    var hl = { words: {}, prefixes: [p] };
    if (i < 0) return Promise.resolve({ hits: [], total: 0, highlight: hl });
    return file("s" + i).then(function (t) {
      var r = new Reader(t[p] || ""), hits = [];
      while (r.more()) {
        var doc = r.num();
        if (!opts.filter || opts.filter[doc]) hits.push({ doc: doc, score: 1, blk: 0 });
      }
      return { hits: hits, total: hits.length, highlight: hl };
    });
  }

  function rank(m, groups, opts) {
    var n = m.docs, keys = {}, hl = { words: {}, prefixes: [] };
    groups.forEach(function (g) {
      g.matches.forEach(function (x) {
        keys[x.key.split(":")[0]] = true;
        x.words.forEach(function (w) { hl.words[w] = true; });
      });
      if (g.term.prefix && !g.term.optional) hl.prefixes.push(g.term.word);
    });
    return Promise.all(Object.keys(keys).map(function (s) {
      return postings(+s).then(function (lists) { return [s, lists]; });
    })).then(function (shards) {
      var lists = {};
      shards.forEach(function (x) { lists[x[0]] = x[1]; });
      // Per term: each page's best score over the words it stands for,
      // and the block and title facts of that best.
      var scored = groups.map(function (g, i) {
        var x = scratch(i, n), score = x.score, blk = x.blk, title = x.title, titleWords = x.titleWords, docs = x.docs, count = 0;
        // The words a term stands for share one idf, that of all the
        // pages they are in: a rare completion of a prefix must not
        // outweigh the common word the reader is typing.
        var df = Math.min(n, g.matches.reduce(function (a, x) { return a + x.df; }, 0));
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        g.matches.forEach(function (x) {
          var k = x.key.split(":"), l = lists[k[0]][+k[1]], w = x.weight;
          for (var j = 0; j < l.docs.length; j++) {
            var doc = l.docs[j], s = w * idf * l.sat[j];
            if (s > score[doc]) {
              if (!score[doc]) docs[count++] = doc;
              score[doc] = s;
              blk[doc] = l.blk[j];
              title[doc] = l.title[j];
              titleWords[doc] = l.titleWords[j];
            }
          }
        });
        return { term: g.term, score: score, blk: blk, title: title, titleWords: titleWords, docs: docs.subarray(0, count) };
      });
      var required = scored.filter(function (g) { return !g.term.optional; });
      if (!required.length) required = scored;
      // Pages must have every word. In a query of three words or more,
      // pages missing one word rank too, at half their score: questions
      // carry words the answer does not use. When no page has every word,
      // pages with any of them.
      // A quoted phrase is kept whole: every word, and only the pages
      // that have the words next to each other.
      var all = required.length, need = all >= 3 ? all - 1 : all, mode = "and", ps = phrases(groups);
      if (ps.length) need = all;
      var hits = collect(scored, required, need, opts.filter);
      if (!hits.length && all > 1 && !ps.length) {
        hits = collect(scored, required, 1, opts.filter);
        mode = "or";
      }
      if (!ps.length || !hits.length) return { hits: byScore(hits), total: hits.length, mode: mode, highlight: hl };
      return withPhrases(ps, hits).then(function (hits) {
        return { hits: byScore(hits), total: hits.length, mode: "phrase", highlight: hl };
      });
    });
  }

  // phrases lists the quoted phrases of two words or more: for each, its
  // terms' groups in order.
  function phrases(groups) {
    var by = [];
    groups.forEach(function (g) {
      var t = g.term;
      if (t.phrase === undefined || t.optional) return;
      (by[t.phrase] = by[t.phrase] || []).push(g);
    });
    return by.filter(function (p) { return p && p.length > 1; }).map(function (p) {
      return p.sort(function (a, b) { return a.term.at - b.term.at; });
    });
  }

  // withPhrases keeps the hits whose page has every phrase. In a phrase,
  // each word must follow the one before as it does in the query: the
  // page must be listed by a pair of their stems at that distance. Stop
  // words, which pairs leave out, count in the distance; a phrase of stop
  // words alone is checked on their positions. So is a phrase of three
  // words or more whose words all keep their positions (the rarer words):
  // there the words must follow each other at one place of the page, not
  // only two by two.
  function withPhrases(ps, hits) {
    var shards = {};
    function shardOf(x) { return +x.key.split(":")[0]; }
    function need(g) { g.matches.forEach(function (x) { shards[shardOf(x)] = true; }); }
    function load() {
      return Promise.all(Object.keys(shards).map(function (s) {
        return phraseShard(+s).then(function (stems) { shards[s] = stems; });
      }));
    }
    function stem(x) { return shards[shardOf(x)][+x.key.split(":")[1]]; }
    function loaded(g) { return g.matches.every(function (x) { return typeof shards[shardOf(x)] === "object"; }); }
    function positioned(g) { return g.matches.every(function (x) { return stem(x).positions; }); }
    function stops(p) { return p.every(function (g) { return g.term.stop; }); }
    // The first words of each phrase, whose pairs are needed; the last
    // too when positions may be.
    ps.forEach(function (p) { p.forEach(function (g, i) { if (i < p.length - 1 || stops(p)) need(g); }); });
    return load().then(function () {
      ps.forEach(function (p) {
        if (p.length >= 3 && p.slice(0, -1).every(positioned)) need(p[p.length - 1]);
      });
      return load();
    }).then(function () {
      var n = manifest.docs, lists = [], files = {};
      // links lists, per phrase, its pairs of words that follow each
      // other: the pairs files they need, and the locations of their
      // lists, which are read once the files are in.
      var links = ps.map(function (p) {
        if (stops(p)) return [];
        var out = [];
        for (var i = 0; i + 1 < p.length; i++) {
          var a = p[i], b = p[i + 1], d = b.term.at - a.term.at;
          if (d - leaves(a.term) > MAX_SKIP) continue;
          var locs = [];
          a.matches.forEach(function (x) {
            var pairs = stem(x).pairs;
            b.matches.forEach(function (y) {
              var loc = pairs[y.key + ":" + d];
              if (loc) { locs.push(loc); files[loc[0]] = true; }
            });
          });
          out.push(locs);
        }
        return out;
      });
      return Promise.all(Object.keys(files).map(function (f) {
        return pairFile(+f).then(function (l) { lists[f] = l; });
      })).then(function () {
        // Per phrase, the pages that have each of its pairs.
        var marks = links.map(function (ls) {
          return ls.map(function (locs) {
            var m = new Uint8Array(n);
            locs.forEach(function (loc) {
              var docs = lists[loc[0]][loc[1]];
              for (var j = 0; j < docs.length; j++) m[docs[j]] = 1;
            });
            return m;
          });
        });
        var exact = ps.map(function (p) {
          return (stops(p) || p.length >= 3 && p.every(loaded) && p.every(positioned)) ? inOrder(p, stem) : null;
        });
        return hits.filter(function (h) {
          for (var i = 0; i < ps.length; i++) {
            for (var j = 0; j < marks[i].length; j++) if (!marks[i][j][h.doc]) return false;
            if (exact[i] && !exact[i](h.doc)) return false;
          }
          return true;
        });
      });
    });
  }

  // inOrder returns a function that reports whether a page has phrase p,
  // found on the positions of its words: a position of its first word
  // with each other word as many places after it as in the query.
  function inOrder(p, stem) {
    // Per word: its place after the first word, and the positions lists
    // of the words it stands for.
    var words = p.map(function (g) {
      return { at: g.term.at - p[0].term.at, lists: g.matches.map(function (x) { return stem(x).positions; }) };
    });
    // at finds the positions of phrase word i in a page, ascending:
    // pos[i][from[i]] to pos[i][to[i] - 1].
    var pos = [], from = [], to = [];
    function at(i, w, doc) {
      var found = 0;
      for (var j = 0; j < w.lists.length; j++) {
        var l = w.lists[j], lo = 0, hi = l.docs.length - 1;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (l.docs[mid] < doc) lo = mid + 1; else hi = mid;
        }
        if (l.docs[lo] !== doc) continue;
        if (!found++) {
          pos[i] = l.pos;
          from[i] = l.start[lo];
          to[i] = l.start[lo + 1];
          continue;
        }
        // A word standing for several words of the page: their
        // positions merged.
        var merged = Array.prototype.slice.call(pos[i], from[i], to[i]).concat(Array.prototype.slice.call(l.pos, l.start[lo], l.start[lo + 1]));
        pos[i] = Int32Array.from(merged).sort();
        from[i] = 0;
        to[i] = pos[i].length;
      }
      return found > 0;
    }
    // The positions rise, so each word's are read once.
    return function (doc) {
      for (var i = 0; i < words.length; i++) if (!at(i, words[i], doc)) return false;
      starts: for (var s = from[0]; s < to[0]; s++) {
        for (i = 1; i < words.length; i++) {
          var want = pos[0][s] + words[i].at;
          while (from[i] < to[i] && pos[i][from[i]] < want) from[i]++;
          if (from[i] === to[i]) return false;
          if (pos[i][from[i]] !== want) continue starts;
        }
        return true;
      }
      return false;
    };
  }

  // scratch returns the i-th set of arrays a term is scored in, one
  // number per page, zeroed. They are kept from query to query: scoring
  // runs without a pause, so no two queries share them.
  var pool = [];
  function scratch(i, n) {
    var x = pool[i];
    if (!x || x.score.length !== n) {
      return (pool[i] = { score: new Float64Array(n), blk: new Uint16Array(n), title: new Uint8Array(n), titleWords: new Uint8Array(n), docs: new Int32Array(n) });
    }
    x.score.fill(0);
    x.blk.fill(0);
    x.title.fill(0);
    x.titleWords.fill(0);
    return x;
  }

  // byScore sorts hits by score, best first, then by page. The score (to
  // 1/65536) and the page are packed in one number: a typed array sorts
  // such numbers many times faster than a comparison function sorts hits.
  var PAGES = 2097152;
  function byScore(hits) {
    var n = hits.length, i;
    if (manifest.docs > PAGES) return hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    var keys = new Float64Array(n), at = new Int32Array(manifest.docs), out = new Array(n);
    for (i = 0; i < n; i++) {
      at[hits[i].doc] = i;
      keys[i] = (2147483647 - Math.min(2147483647, Math.round(hits[i].score * 65536))) * PAGES + hits[i].doc;
    }
    keys.sort();
    for (i = 0; i < n; i++) out[i] = hits[at[keys[i] % PAGES]];
    return out;
  }

  // collect scores the pages that hold at least need of the required terms.
  function collect(scored, required, need, filter) {
    var hits = [], seen = new Uint8Array(scored[0].score.length), g = scored.length;
    var from = need === required.length ? [required.reduce(function (a, b) { return b.docs.length < a.docs.length ? b : a; })] : required;
    for (var f = 0; f < from.length; f++) {
      var docs = from[f].docs;
      for (var k = 0; k < docs.length; k++) {
        var doc = docs[k];
        if (seen[doc] || filter && !filter[doc]) continue;
        seen[doc] = 1;
        var score = 0, inTitle = 0, matched = 0, titleWords = 0;
        for (var i = 0; i < g; i++) {
          var x = scored[i], s = x.score[doc];
          if (!s) continue;
          if (!x.term.optional) matched++;
          score += s;
          if (x.title[doc]) { inTitle++; titleWords = x.titleWords[doc]; }
        }
        if (matched < need) continue;
        // The more of the title the query covers, and the more of the
        // query the title holds, the better: up to twice the score when
        // they are the same words.
        if (inTitle) score *= 1 + inTitle / Math.max(titleWords, required.length);
        var hit = { doc: doc, score: score, blk: 0 };
        if (matched < required.length) {
          hit.partial = true;
          hit.score *= need === 1 ? matched / required.length : 0.5;
        }
        // The best heading is where the words weigh most, unless the
        // title holds them all: then the page itself is the answer.
        if (inTitle < matched) {
          var best = 0;
          for (i = 0; i < g; i++) {
            var b = scored[i].blk[doc], sum = 0;
            if (!b) continue;
            for (var j = 0; j < g; j++) if (scored[j].blk[doc] === b) sum += scored[j].score[doc];
            if (sum > best) { best = sum; hit.blk = b; }
          }
        }
        hits.push(hit);
      }
    }
    return hits;
  }

  /* ---- Results ------------------------------------------------------ */

  // fragment resolves to what a result shows of page doc:
  // [url, title, section, description, [[anchor, heading, snippet]...]].
  function fragment(doc) {
    var g = manifest.groups, lo = 0, hi = g.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (g[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return group(lo).then(function (docs) { return docs[doc - g[lo]]; });
  }

  // group returns the pages of fragment group i, read from their file:
  // per page [url, section, title, description, heading, snippet, ...],
  // where a url not starting with "/" is the length it shares with the
  // page before followed by the rest, a section 0 is the page before's,
  // and a heading [anchor, heading] has an anchor of its own.
  function group(i) {
    if (manifest.frags[i]) return manifest.frags[i];
    return (manifest.frags[i] = file("f" + i).then(function (raw) {
      var url = "", section = "";
      return raw.map(function (p) {
        var u = p[0];
        if (u && u[0] !== "/") {
          var r = new Reader(u), n = r.num();
          u = url.slice(0, n) + u.slice(r.i);
        }
        url = u;
        if (p[1] !== 0) section = p[1];
        var blocks = [];
        for (var j = 4; j + 1 < p.length; j += 2) {
          var h = p[j];
          blocks.push(typeof h === "string" ? ["", h, p[j + 1]] : [h[0], h[1], p[j + 1]]);
        }
        return [u, p[2], section, p[3], blocks];
      });
    }));
  }

  // href is the address of a page of the site, at a heading.
  function href(url, anchor) {
    var u = rootPath + url.slice(1);
    if (fromDisk) u += "index.html";
    return anchor ? u + "#" + encodeURIComponent(anchor) : u;
  }

  // slug is the id of a heading of plain text, as the index leaves it
  // out: lower case, letters, digits, "-" and "_" kept, spaces made "-".
  function slug(heading) {
    return heading.toLowerCase().replace(/[^a-z0-9_\- ]/g, "").replace(/ /g, "-");
  }

  // highlighted appends text to el with the matched words in <mark>, and
  // in Chinese, Japanese or Korean the letters of the matched pairs.
  function highlighted(el, text, hl) {
    var at = 0;
    function hit(w) {
      return hl.words[w] || hl.prefixes.some(function (p) { return w.slice(0, p.length) === p; });
    }
    function mark(start, end) {
      el.append(text.slice(at, start));
      var m = document.createElement("mark");
      m.textContent = text.slice(start, end);
      el.append(m);
      at = end;
    }
    words(text).forEach(function (r) {
      if (!r.cjk) {
        if (r.words.some(hit)) mark(r.start, r.end);
        return;
      }
      var cs = Array.from(r.text), on = [], ends = [r.start], i;
      for (i = 0; i < cs.length; i++) ends.push(ends[i] + cs[i].length);
      r.words.forEach(function (w, i) { if (hit(w)) on[i] = on[cs.length > 1 ? i + 1 : i] = true; });
      for (i = 0; i < cs.length; i++) {
        if (!on[i]) continue;
        var j = i;
        while (on[j + 1]) j++;
        mark(ends[i], ends[j + 1]);
        i = j;
      }
    });
    el.append(text.slice(at));
    return el;
  }

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    if (text) s.textContent = text;
    return s;
  }

  // render resolves to the link of a hit: title, heading, section trail
  // and an excerpt with the matched words marked.
  function render(hit, hl) {
    return fragment(hit.doc).then(function (f) {
      var block = hit.blk ? f[4][hit.blk - 1] : null;
      var a = document.createElement("a");
      a.className = "search-hit";
      // The link is the page's address, so that tools can read results
      // as pages; following it opens the page at the heading (see go).
      a.href = href(f[0]);
      var anchor = block && (block[0] || slug(block[1]));
      if (anchor) a.setAttribute("data-anchor", anchor);
      var head = span("search-hit-title");
      highlighted(head, f[1], hl);
      a.append(head);
      if (block && block[1]) {
        a.append(highlighted(span("search-hit-heading"), block[1], hl));
      }
      if (f[2]) a.append(span("search-hit-section", f[2]));
      var text = block && block[2] || f[3] || f[4].length && f[4][0][2];
      if (text) a.append(highlighted(span("search-hit-excerpt"), text, hl));
      return a;
    });
  }

  // facets resolves to {name: [{value, docs: Int32Array}]}.
  function facets() {
    return ready().then(function () { return file("facets"); }).then(function (data) {
      var out = {};
      manifest.facets.forEach(function (name) {
        out[name] = (data[name] || []).map(function (v) {
          var s = v[1], docs = [];
          if (s[0] === "b") {
            for (var i = 1; i < s.length; i++) {
              var bits = VAL[s.charCodeAt(i)];
              for (var b = 0; b < 6; b++) if (bits & 1 << b) docs.push((i - 1) * 6 + b);
            }
          } else {
            var r = new Reader(s), doc = -1;
            r.i = 1;
            while (r.more()) docs.push(doc += r.num() + 1);
          }
          return { value: v[0], docs: Int32Array.from(docs) };
        });
      });
      return out;
    });
  }

  // go opens the result a at the heading it found the words under. A plain
  // click on a result does the same; a click that opens a new tab or
  // window opens the page at its top.
  function go(a) {
    var anchor = a.getAttribute("data-anchor");
    location.href = anchor ? a.href + "#" + encodeURIComponent(anchor) : a.href;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.search-hit[data-anchor]");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(a);
  });

  var api = window.opsdocsSearch = {
    ready: ready, search: search, render: render, facets: facets,
    docs: function () { return manifest ? manifest.docs : 0; },
    pageURL: function (q) { return href("/search/") + (q ? "?q=" + encodeURIComponent(q) : ""); }
  };

  /* ---- The search box in the header --------------------------------- */

  var form = document.getElementById("site-search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-listbox");
  var popup = document.getElementById("search-popup");
  var status = document.getElementById("search-popup-status");
  if (!form || !input || !list || !popup) return;
  var SHOWN = 8, active = -1, seq = 0;

  function options() { return list.querySelectorAll("[role=option]"); }
  function open(o) {
    popup.hidden = !o;
    input.setAttribute("aria-expanded", String(o));
    if (!o) select(-1);
  }
  function select(i) {
    var opts = options();
    if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && opts[i]) {
      opts[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function say(text) { status.textContent = text; }

  function run() {
    var q = input.value, mine = ++seq;
    if (!q.trim()) { list.replaceChildren(); say(""); open(false); return; }
    search(q).then(function (res) {
      if (mine !== seq) return;
      return Promise.all(res.hits.slice(0, SHOWN).map(function (h) { return render(h, res.highlight); })).then(function (links) {
        if (mine !== seq) return;
        var items = links.map(function (a, i) {
          var li = document.createElement("li");
          li.id = "search-option-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          a.tabIndex = -1;
          li.append(a);
          return li;
        });
        if (res.total > SHOWN || res.total === 0) {
          var li = document.createElement("li"), more = document.createElement("a");
          li.className = "search-more";
          more.href = api.pageURL(q);
          more.tabIndex = -1;
          more.textContent = res.total ? "See all " + res.total + " results" : "No results for “" + q.trim() + "”";
          li.append(more);
          items.push(li);
        }
        active = -1;
        input.removeAttribute("aria-activedescendant");
        list.replaceChildren.apply(list, items);
        say(res.total ? res.total + (res.total === 1 ? " result" : " results") : "No results");
        open(document.activeElement === input);
      });
    }).catch(function () {
      if (mine !== seq) return;
      list.replaceChildren();
      say("Search is unavailable: its index could not be loaded.");
      open(document.activeElement === input);
    });
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () {
    ready().catch(function () {});
    if (input.value.trim() && list.children.length) open(true);
  });
  input.addEventListener("keydown", function (e) {
    var n = options().length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (popup.hidden) { if (input.value.trim()) open(true); return; }
      e.preventDefault();
      if (n) select(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === "Escape") {
      if (!popup.hidden) { e.preventDefault(); open(false); }
      else if (input.value) { e.preventDefault(); input.value = ""; run(); }
      else input.blur();
    } else if (e.key === "Enter") {
      e.preventDefault();
      var a = active >= 0 && options()[active] ? options()[active].querySelector("a") : null;
      if (a) go(a);
      else if (input.value.trim()) location.href = api.pageURL(input.value.trim());
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !form.contains(e.relatedTarget)) open(false);
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) open(false);
  });
  list.addEventListener("mousemove", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) select(Array.prototype.indexOf.call(options(), li));
  });

  // "/" and Ctrl-K (Cmd-K) put the cursor in the search box.
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey ||
        e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      var box = document.getElementById("search-page-input") || input;
      box.focus();
      box.select();
    }
  });
})();
