/* The search page, /search/?q=...: results in rank order, filters by type,
   team, owner and tags with their counts, and an address that can be
   shared. The engine is search.js. */
(function () {
  "use strict";
  var api = window.opsdocsSearch;
  var form = document.getElementById("search-page-form");
  var input = document.getElementById("search-page-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var filters = document.getElementById("search-filters");
  var facetsEl = document.getElementById("search-facets");
  var filterCount = document.getElementById("search-filters-count");
  var more = document.getElementById("search-more");
  if (!api || !form || !input || !results) return;

  var PAGE = 20, FEW = 8;
  var NAMES = { type: "Type", team: "Team", owner: "Owner", tags: "Tags" };
  var TYPES = { page: "Page", playbook: "Playbook", roadmap: "Roadmap", kpis: "KPIs", curriculum: "Curriculum", lesson: "Lesson" };
  var params = new URLSearchParams(location.search);
  var chosen = {}, expanded = {}, shown = PAGE, seq = 0, last = null;
  ["type", "team", "owner", "tags"].forEach(function (f) { chosen[f] = params.getAll(f); });
  input.value = params.get("q") || "";
  var wide = matchMedia("(min-width: 64em)");
  filters.open = wide.matches;
  wide.addEventListener("change", function () { if (wide.matches) filters.open = true; });
  // Beside the results, the filters stay open.
  filters.addEventListener("toggle", function () { if (wide.matches && !filters.open) filters.open = true; });
  var facets = api.facets();

  function address() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    Object.keys(chosen).forEach(function (f) { chosen[f].forEach(function (v) { p.append(f, v); }); });
    var s = p.toString();
    try { history.replaceState(null, "", location.pathname + (s ? "?" + s : "")); } catch (e) { /* not allowed from disk in some browsers */ }
  }

  // search runs the query, then filters.
  function search() {
    var mine = ++seq, q = input.value;
    shown = PAGE;
    results.setAttribute("aria-busy", "true");
    address();
    Promise.all([q.trim() ? api.search(q) : api.ready().then(browse), facets]).then(function (x) {
      if (mine !== seq) return;
      last = { q: q.trim(), res: x[0], facets: x[1] };
      show();
    }).catch(function () {
      if (mine !== seq) return;
      results.replaceChildren();
      results.removeAttribute("aria-busy");
      status.textContent = "Search is unavailable: its index could not be loaded.";
    });
  }

  // browse lists every page, in the order of the site, for filters
  // chosen without a query.
  function browse() {
    var hits = [], anyChosen = Object.keys(chosen).some(function (f) { return chosen[f].length; });
    if (anyChosen) for (var i = 0; i < api.docs(); i++) hits.push({ doc: i, score: 0, blk: 0 });
    return { hits: hits, total: hits.length, highlight: { words: {}, prefixes: [] } };
  }

  // masks returns, per facet with chosen values, which pages have one of them.
  function masks(fd, n) {
    var out = {};
    Object.keys(chosen).forEach(function (f) {
      if (!chosen[f].length) return;
      var m = new Uint8Array(n);
      (fd[f] || []).forEach(function (v) {
        if (chosen[f].indexOf(v.value) >= 0) v.docs.forEach(function (d) { m[d] = 1; });
      });
      out[f] = m;
    });
    return out;
  }

  function show() {
    results.setAttribute("aria-busy", "true");
    var res = last.res, fd = last.facets, n = api.docs(), ms = masks(fd, n);
    function passes(doc, except) {
      for (var f in ms) if (f !== except && !ms[f][doc]) return false;
      return true;
    }
    var hits = res.hits.filter(function (h) { return passes(h.doc); });
    renderFacets(fd, res.hits, passes, n);
    var mine = seq;
    Promise.all(hits.slice(0, shown).map(function (h) { return api.render(h, res.highlight); })).then(function (links) {
      if (mine !== seq) return;
      results.replaceChildren.apply(results, links.map(function (a) {
        var li = document.createElement("li");
        li.className = "search-result";
        li.append(a);
        return li;
      }));
      more.hidden = hits.length <= shown;
      results.removeAttribute("aria-busy");
      var what = last.q ? " for “" + last.q + "”" : "", partial = hits.filter(function (h) { return h.partial; }).length;
      if (!last.q && !hits.length) status.textContent = "Type a few letters, or choose a filter.";
      else if (!hits.length) status.textContent = "No results" + what + (res.hits.length ? " with these filters." : ". Check the spelling, or try fewer or other words.");
      else status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + what +
        (res.mode === "or" ? ": no page has every word, so these have some of them." :
          partial ? ", of which " + (partial === 1 ? "the last lacks" : "the last " + partial + " lack") + " one of the words." : ".");
      results.dataset.query = last.q;
    });
  }

  // renderFacets lists each facet's values with the number of results
  // they would keep, given the other facets' choices.
  function renderFacets(fd, hits, passes, n) {
    var groups = [], chosenCount = 0;
    Object.keys(NAMES).forEach(function (f) {
      var inSet = new Uint8Array(n);
      hits.forEach(function (h) { if (passes(h.doc, f)) inSet[h.doc] = 1; });
      var values = (fd[f] || []).map(function (v) {
        var c = 0;
        for (var i = 0; i < v.docs.length; i++) c += inSet[v.docs[i]];
        return { value: v.value, count: c, on: chosen[f].indexOf(v.value) >= 0 };
      }).filter(function (v) { return v.count || v.on; });
      if (!values.length) return;
      values.sort(function (a, b) { return b.on - a.on || b.count - a.count || (a.value < b.value ? -1 : 1); });
      chosenCount += chosen[f].length;
      var fs = document.createElement("fieldset"), legend = document.createElement("legend"), ul = document.createElement("ul");
      fs.className = "search-facet";
      legend.textContent = NAMES[f];
      ul.setAttribute("role", "list");
      var limit = expanded[f] ? values.length : Math.max(FEW, values.filter(function (v) { return v.on; }).length);
      values.slice(0, limit).forEach(function (v) {
        var li = document.createElement("li"), label = document.createElement("label"), box = document.createElement("input"), count = document.createElement("span");
        box.type = "checkbox";
        box.checked = v.on;
        box.dataset.facet = f;
        box.value = v.value;
        count.className = "search-facet-count";
        count.textContent = v.count;
        label.append(box, " " + (f === "type" && TYPES[v.value] || v.value) + " ", count);
        li.append(label);
        ul.append(li);
      });
      fs.append(legend, ul);
      if (values.length > limit || expanded[f] && values.length > FEW) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "search-facet-toggle";
        b.dataset.facet = f;
        b.textContent = expanded[f] ? "Show fewer" : "Show all " + values.length;
        fs.append(b);
      }
      groups.push(fs);
    });
    var focused = document.activeElement && facetsEl.contains(document.activeElement) ? document.activeElement : null;
    var key = focused && (focused.dataset.facet + "\n" + (focused.value || focused.className));
    facetsEl.replaceChildren.apply(facetsEl, groups);
    filters.hidden = !groups.length;
    filterCount.textContent = chosenCount ? " (" + chosenCount + " chosen)" : "";
    if (key) {
      var again = Array.prototype.find.call(facetsEl.querySelectorAll("input, button"), function (e) {
        return e.dataset.facet + "\n" + (e.value || e.className) === key;
      });
      if (again) again.focus();
    }
  }

  facetsEl.addEventListener("change", function (e) {
    var box = e.target, f = box.dataset.facet;
    if (!f) return;
    chosen[f] = chosen[f].filter(function (v) { return v !== box.value; });
    if (box.checked) chosen[f].push(box.value);
    shown = PAGE;
    address();
    if (last) {
      if (!last.q) search();
      else show();
    }
  });
  facetsEl.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-facet]");
    if (!b) return;
    expanded[b.dataset.facet] = !expanded[b.dataset.facet];
    if (last) show();
  });
  more.addEventListener("click", function () {
    var first = shown;
    shown += PAGE;
    show();
    // Move focus to the first new result once it is there.
    var wait = setInterval(function () {
      var a = results.querySelectorAll("a")[first];
      if (a) { clearInterval(wait); a.focus(); }
    }, 20);
    setTimeout(function () { clearInterval(wait); }, 2000);
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  search();
  if (!input.value) input.focus();
})();
