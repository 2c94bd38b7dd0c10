/* Theme toggle: switch light/dark and remember the choice. Picking the
   system's own theme forgets the choice, so the page follows the system again. */
(function () {
  var KEY = "opsdocs-theme", root = document.documentElement;
  var btn = document.getElementById("theme-toggle");
  if (!btn) return;
  var mq = window.matchMedia("(prefers-color-scheme: dark)");
  function system() { return mq.matches ? "dark" : "light"; }
  function current() {
    var t = root.getAttribute("data-theme");
    return t === "dark" || t === "light" ? t : system();
  }
  function sync() {
    var dark = current() === "dark";
    btn.setAttribute("aria-pressed", dark ? "true" : "false");
    btn.title = dark ? "Switch to light theme" : "Switch to dark theme";
  }
  btn.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark", follow = next === system();
    if (follow) root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", next);
    try {
      if (follow) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch (e) { /* storage blocked: applied, not remembered */ }
    sync();
  });
  if (mq.addEventListener) mq.addEventListener("change", sync);
  sync();
})();
