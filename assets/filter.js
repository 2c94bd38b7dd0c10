/* Filters a list of items by the values of a form's selects, driven by data
   attributes:
     <form data-filter="#scope" data-filter-noun="item" data-filter-nouns="items" hidden>
       <select name="team">...</select>          items must have data-team equal to its value ("" = any)
       <p data-filter-status role="status"></p>  "Showing 3 of 12 items"
     </form>
     <p data-filter-empty hidden>...</p>         shown when nothing matches
     <nav data-filter-keep>...</nav>             its links keep the filters in their address
   In the scope, [data-filter-item] elements are the items (hidden when they do
   not match; the attribute's value identifies an item shown more than once),
   and [data-filter-group] elements are hidden when they fail a filter on an
   attribute they carry, or when they hold items and none is shown.
   On one page of a list split into pages, the form's data-filter-page
   ("page 2 of 17") ends the count: it counts the items of this page only.
   The form stays hidden without JavaScript, so everything is shown. */
(function () {
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var scope = document.querySelector(form.getAttribute("data-filter"));
    if (!scope) return;
    var items = scope.querySelectorAll("[data-filter-item]");
    var groups = scope.querySelectorAll("[data-filter-group]");
    var controls = form.querySelectorAll("select[name]");
    var status = form.querySelector("[data-filter-status]");
    var empty = document.querySelectorAll("[data-filter-empty]");
    var one = form.getAttribute("data-filter-noun") || "item";
    var many = form.getAttribute("data-filter-nouns") || one + "s";
    var page = form.getAttribute("data-filter-page");
    var keep = document.querySelectorAll("[data-filter-keep] a[href]");

    function ids(list) {
      var seen = {}, n = 0;
      list.forEach(function (el, i) {
        var id = el.getAttribute("data-filter-item") || "#" + i;
        if (!seen[id]) { seen[id] = true; n++; }
      });
      return n;
    }
    var total = ids(Array.prototype.slice.call(items));

    // fails reports whether el carries an attribute that a chosen value rules out.
    function fails(el, chosen) {
      for (var i = 0; i < chosen.length; i++) {
        var v = el.getAttribute("data-" + chosen[i][0]);
        if (v !== null && v !== chosen[i][1]) return true;
      }
      return false;
    }

    function apply() {
      var chosen = [], query = new URLSearchParams(location.search);
      controls.forEach(function (c) {
        if (c.value) { chosen.push([c.name, c.value]); query.set(c.name, c.value); }
        else query.delete(c.name);
      });
      var shown = [];
      items.forEach(function (el) {
        var out = fails(el, chosen);
        el.hidden = out;
        if (!out) shown.push(el);
      });
      groups.forEach(function (g) {
        var inside = g.querySelectorAll("[data-filter-item]"), any = inside.length === 0;
        for (var i = 0; i < inside.length && !any; i++) any = !inside[i].hidden;
        g.hidden = fails(g, chosen) || !any;
      });
      var n = ids(shown);
      if (status) {
        status.textContent = (chosen.length === 0
          ? "Showing all " + total + " " + (total === 1 ? one : many)
          : "Showing " + n + " of " + total + " " + (total === 1 ? one : many)) + (page ? " on " + page : "");
      }
      empty.forEach(function (e) { e.hidden = n > 0; });
      var qs = query.toString();
      history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
      keep.forEach(function (a) {
        var kept = new URLSearchParams(a.search);
        controls.forEach(function (c) {
          if (c.value) kept.set(c.name, c.value); else kept.delete(c.name);
        });
        var ks = kept.toString();
        a.search = ks ? "?" + ks : "";
      });
    }

    // Start from the filters in the address, so a filtered view can be shared.
    var start = new URLSearchParams(location.search);
    controls.forEach(function (c) {
      var v = start.get(c.name);
      if (v !== null && Array.prototype.some.call(c.options, function (o) { return o.value === v; })) c.value = v;
    });
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  });
})();
