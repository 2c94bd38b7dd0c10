/* Progress: ticks in task lists and finished lessons, kept in this browser
   (localStorage) per site and page, so they survive reloads and work
   offline. A curriculum page reads its lessons' state for its progress bar
   and its Continue link; Reset clears it, Undo brings it back. Without
   script the checkboxes stay read-only and the controls stay hidden. */
(function () {
  "use strict";
  var PREFIX = "opsdocs-progress:";
  var main = document.getElementById("main") || document.body;

  // The site's root is the folder above assets/, where this script lives:
  // it tells sites apart on one host, and works from file:// too.
  var root = (function () {
    var src = document.currentScript && document.currentScript.src;
    var p = src ? new URL(src, location.href).pathname : "/";
    var i = p.lastIndexOf("/assets/");
    return i < 0 ? "/" : p.slice(0, i + 1);
  })();

  // key returns the storage key of a page given by its URL below the
  // site's root ("/onboarding/new-pm/kpi-tour/").
  function key(page) { return PREFIX + root + page.replace(/^\//, ""); }

  // here is this page's URL below the site's root.
  function here() {
    var p = location.pathname;
    if (p.indexOf(root) === 0) p = p.slice(root.length);
    p = p.replace(/(^|\/)index\.html$/, "$1");
    try { p = decodeURIComponent(p); } catch (e) { /* keep it encoded */ }
    return "/" + p.replace(/^\//, "");
  }

  // Storage may be missing or refused (private modes, some file:// set-ups):
  // progress then lasts as long as the page.
  var store = (function () {
    try {
      var s = window.localStorage, k = PREFIX + "probe";
      s.setItem(k, "1");
      s.removeItem(k);
      return s;
    } catch (e) { return null; }
  })();
  var memory = {};
  function read(k) { return store ? store.getItem(k) : (k in memory ? memory[k] : null); }
  function write(k, raw) {
    if (!store) {
      if (raw === null) delete memory[k]; else memory[k] = raw;
      return;
    }
    try {
      if (raw === null) store.removeItem(k); else store.setItem(k, raw);
    } catch (e) { say("Your progress could not be saved in this browser."); }
  }
  // A page's state: {done: true, tasks: [0, 3]}; tasks lists the ticked
  // boxes by number, and is absent until the reader ticks one.
  function load(k) {
    try {
      var v = JSON.parse(read(k) || "{}");
      return v && typeof v === "object" ? v : {};
    } catch (e) { return {}; }
  }
  function save(k, v) { write(k, v.done || v.tasks ? JSON.stringify(v) : null); }

  var statuses = main.querySelectorAll("[data-status]");
  function say(msg) {
    statuses.forEach(function (s) { s.textContent = msg; });
  }
  function show(el, on) { if (el) el.hidden = !on; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var lessonEl = main.querySelector("[data-lesson-page]");
  var pageKey = key(lessonEl ? lessonEl.getAttribute("data-lesson-page") : here());

  // Task lists: each box gets its text as a label (a larger target, and its
  // name), and its state from storage.
  var boxes = Array.prototype.slice.call(main.querySelectorAll("input.task-check[data-task]"));
  var BLOCK = /^(UL|OL|P|DIV|PRE|TABLE|BLOCKQUOTE|DL|H[1-6]|DETAILS|FIGURE)$/;
  boxes.forEach(function (box) {
    var label = document.createElement("label");
    label.className = "task-label";
    box.parentNode.insertBefore(label, box);
    var n = box;
    while (n && !(n.nodeType === 1 && BLOCK.test(n.nodeName))) {
      var next = n.nextSibling;
      label.appendChild(n);
      n = next;
    }
    // The hanging indent of the label lines the text up without the space.
    var text = box.nextSibling;
    if (text && text.nodeType === 3) text.nodeValue = text.nodeValue.replace(/^\s+/, "");
    box.disabled = false;
    box.addEventListener("change", function () {
      var st = load(pageKey);
      st.tasks = boxes.filter(function (b) { return b.checked; }).map(function (b) { return +b.getAttribute("data-task"); });
      save(pageKey, st);
      render();
    });
  });

  var completeBtns = main.querySelectorAll("[data-complete]");
  completeBtns.forEach(function (btn) {
    btn.addEventListener("click", function () {
      var st = load(pageKey);
      st.done = !st.done;
      if (!st.done) delete st.done;
      save(pageKey, st);
      render();
      say(st.done ? "Lesson marked as complete." : "Lesson marked as not complete.");
    });
  });

  // The lessons this page lists: a curriculum's, or a lesson's prerequisites.
  var lessons = Array.prototype.slice.call(main.querySelectorAll("[data-lesson]"));
  var course = main.querySelector("[data-course]");
  var checklist = main.querySelector("[data-checklist]");
  var resetBtn = main.querySelector("[data-reset]");
  var undoBtn = main.querySelector("[data-undo]");

  // The keys Reset clears: the curriculum's lessons and its own page, or a
  // playbook's own page.
  function resetKeys() {
    var ks = [pageKey];
    if (course) lessons.forEach(function (li) { ks.push(key(li.getAttribute("data-lesson"))); });
    return ks;
  }

  function render() {
    var st = load(pageKey);
    boxes.forEach(function (b) {
      b.checked = st.tasks ? st.tasks.indexOf(+b.getAttribute("data-task")) >= 0 : b.defaultChecked;
    });
    completeBtns.forEach(function (btn) {
      btn.setAttribute("aria-pressed", st.done ? "true" : "false");
    });
    main.querySelectorAll("[data-complete-panel]").forEach(function (p) { show(p, true); });

    var done = 0, next = null;
    lessons.forEach(function (li) {
      var ok = !!load(key(li.getAttribute("data-lesson"))).done;
      li.classList.toggle("is-done", ok);
      var state = li.querySelector("[data-state]");
      if (state) {
        state.textContent = ok ? "Done" : "Not done";
        show(state, ok || !course); // a curriculum marks only what is done
      }
      if (ok) done++;
      else if (!next) next = li;
    });

    if (course && lessons.length) {
      var bar = course.querySelector("progress");
      bar.value = done;
      bar.textContent = done + " of " + lessons.length;
      course.querySelector("[data-progress-text]").textContent =
        done + " of " + plural(lessons.length, "lesson") + " done";
      show(course.querySelector("[data-progress]"), true);

      var target = next || lessons[0], link = course.querySelector("[data-continue]");
      var a = target.querySelector("a");
      link.href = a.href;
      course.querySelector("[data-continue-label]").textContent =
        done === 0 ? "Start" : next ? "Continue where you left off" : "All lessons done: review";
      course.querySelector("[data-continue-lesson]").textContent =
        "Lesson " + target.querySelector(".lesson-number").textContent.trim() + ": " + a.textContent.trim();
    }
    if (checklist && boxes.length) {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      checklist.querySelector("[data-checklist-count]").textContent =
        ticked + " of " + plural(boxes.length, "checklist item") + " ticked";
      show(checklist, true);
    }
    if (resetBtn) {
      var any = resetKeys().some(function (k) { return read(k) !== null; });
      show(resetBtn, true);
      resetBtn.disabled = !any;
    }
  }

  var saved = null;
  if (resetBtn) resetBtn.addEventListener("click", function () {
    saved = resetKeys().map(function (k) { return [k, read(k)]; });
    saved.forEach(function (e) { write(e[0], null); });
    render();
    show(undoBtn, true);
    if (undoBtn) undoBtn.focus();
    say(course ? "Progress cleared." : "Checklist cleared.");
  });
  if (undoBtn) undoBtn.addEventListener("click", function () {
    if (saved) saved.forEach(function (e) { if (e[1] !== null) write(e[0], e[1]); });
    saved = null;
    render();
    show(undoBtn, false);
    if (resetBtn) resetBtn.focus();
    say(course ? "Progress restored." : "Checklist restored.");
  });

  if (!boxes.length && !completeBtns.length && !lessons.length) return;
  render();
  // Another tab changed the progress, or the page came back from the
  // back/forward cache: show the current state.
  window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf(PREFIX) === 0) render(); });
  window.addEventListener("pageshow", function (e) { if (e.persisted) render(); });
})();
