/* Blocking, in <head>: apply a remembered theme before first paint.
   With nothing stored, the page follows the system preference (CSS). */
(function () {
  try {
    var t = localStorage.getItem("opsdocs-theme");
    if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
