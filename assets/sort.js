/* Sortable tables: in a table[data-sortable], each header th[data-sort-type]
   ("num" or "text") becomes a button that sorts the rows of the first tbody
   by that column, ascending, then descending. A cell sorts on its
   data-sort value when it has one, else on its text; empty values go last
   either way, and equal values keep their order. The header carries
   aria-sort. Without JavaScript the headers stay plain text. */
(function () {
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = table.querySelectorAll("thead th[data-sort-type]");
    if (!body || !heads.length) return;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    table.parentNode.insertBefore(status, table.nextSibling);

    function key(row, col, num) {
      var cell = row.cells[col];
      if (!cell) return null;
      var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      v = v.trim();
      if (v === "") return null;
      if (!num) return v;
      var n = parseFloat(v);
      return isNaN(n) ? null : n;
    }
    var byText = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

    function sort(th, dir) {
      var col = th.cellIndex, num = th.getAttribute("data-sort-type") === "num", sign = dir === "ascending" ? 1 : -1;
      var rows = Array.prototype.map.call(body.rows, function (r, i) { return { row: r, i: i, k: key(r, col, num) }; });
      rows.sort(function (a, b) {
        if (a.k === null || b.k === null) return (a.k === null) - (b.k === null) || a.i - b.i;
        var c = num ? a.k - b.k : byText.compare(a.k, b.k);
        return sign * c || a.i - b.i;
      });
      rows.forEach(function (r) { body.appendChild(r.row); });
      heads.forEach(function (h) { if (h !== th) h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      status.textContent = "Sorted by " + th.textContent.trim() + ", " + dir;
    }

    heads.forEach(function (th) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort-btn";
      while (th.firstChild) btn.appendChild(th.firstChild);
      var icon = document.createElement("span");
      icon.className = "sort-icon";
      icon.setAttribute("aria-hidden", "true");
      btn.appendChild(icon);
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        sort(th, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
    });
  });
})();
