/* Live reload for "opsdocs serve": listens to the preview server's events,
   reloads the page after a rebuild (keeping the scroll position), swaps
   style sheets in place when only CSS changed, and shows build errors in
   an overlay. The server adds this script to the pages it serves; built
   sites never hold it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource) return;
  var base = script.src.replace(/[^/]*$/, "");
  var build = script.getAttribute("data-build");
  var SCROLL = "opsdocs-scroll:" + location.pathname;
  var DISMISSED = "opsdocs-dismissed";

  function load(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) { /* storage blocked: the position is not kept */ }
  }

  // Back where the reader was before the reload, now and once images
  // have loaded and the page has its full height. Browsers restore it
  // themselves, or not, each in its own way; the script does it instead.
  var saved = load(SCROLL);
  if (saved) {
    store(SCROLL, null);
    var pos = saved.split(",").map(Number);
    var restore = function () { window.scrollTo(pos[0], pos[1]); };
    restore();
    window.addEventListener("load", function () {
      if (window.scrollY < pos[1]) restore();
    }, { once: true });
  }

  var reloading = false;
  function reload() {
    store(SCROLL, Math.round(window.scrollX) + "," + Math.round(window.scrollY));
    reloading = true;
    history.scrollRestoration = "manual";
    location.reload();
  }

  // Replaces each style sheet named in styles (old URL -> new URL),
  // removing the old one only once the new one has loaded, so the page
  // never shows unstyled.
  function swapStyles(styles) {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var next = styles[new URL(link.href, location.href).pathname];
      if (!next) return;
      var fresh = link.cloneNode();
      fresh.href = next;
      fresh.addEventListener("load", function () { link.remove(); }, { once: true });
      fresh.addEventListener("error", function () { fresh.remove(); }, { once: true });
      link.after(fresh);
    });
  }

  var host = null;
  function hideProblems() {
    if (host) host.remove();
    host = null;
  }
  function showProblems(p) {
    if (host && host.getAttribute("data-text") === p.text) return;
    hideProblems();
    if (!p.count || load(DISMISSED) === p.text) return;
    host = document.createElement("div");
    host.id = "opsdocs-overlay";
    host.setAttribute("data-text", p.text);
    var shadow = host.attachShadow({ mode: "open" });
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "overlay.css";
    var box = document.createElement("section");
    box.className = "overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "title");
    var head = document.createElement("div");
    head.className = "head";
    var title = document.createElement("h2");
    title.id = "title";
    title.textContent = p.count === 1 ? "1 error" : p.count + " errors";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.setAttribute("aria-label", "Dismiss the error overlay");
    var summary = document.createElement("p");
    summary.textContent = p.summary;
    var list = document.createElement("pre");
    list.textContent = p.text;
    head.append(title, close);
    box.append(head, summary, list);
    shadow.append(css, box);
    document.body.prepend(host);
    function dismiss() {
      store(DISMISSED, p.text);
      hideProblems();
      document.removeEventListener("keydown", onKey);
    }
    function onKey(e) { if (e.key === "Escape" && host) dismiss(); }
    close.addEventListener("click", dismiss);
    document.addEventListener("keydown", onKey);
  }

  function on(source, name, f) {
    source.addEventListener(name, function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (err) { return; }
      f(data);
    });
  }
  var events = new EventSource(base + "events");
  on(events, "hello", function (d) { if (d.build !== build) reload(); });
  on(events, "reload", function () { reload(); });
  on(events, "css", function (d) { build = d.build; swapStyles(d.styles || {}); });
  on(events, "problems", function (d) {
    if (!d.count) store(DISMISSED, null);
    showProblems(d);
  });
  window.addEventListener("pagehide", function () {
    events.close();
    // Other reloads and history moves restore the position as usual.
    if (!reloading) history.scrollRestoration = "auto";
  });
})();
