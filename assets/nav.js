/* Sidebar: the phone menu (open/close, Esc, focus) and keeping the
   current page in view in a long sidebar. */
(function () {
  var btn = document.getElementById("menu-button");
  var nav = document.getElementById("sidebar");
  if (!nav) return;
  var root = document.documentElement;
  var narrow = window.matchMedia("(max-width: 47.99em)");
  var here = nav.querySelector('[aria-current="page"]');

  if (here && !narrow.matches) {
    var y = here.offsetTop - nav.offsetTop;
    if (y > nav.clientHeight * 0.7) nav.scrollTop = y - nav.clientHeight / 3;
  }
  if (!btn) return;

  var backdrop = document.createElement("div");
  backdrop.className = "nav-backdrop";
  document.body.appendChild(backdrop);
  var open = false;

  function setOpen(o, refocus) {
    if (o === open) return;
    open = o;
    root.classList.toggle("nav-open", o);
    btn.setAttribute("aria-expanded", String(o));
    btn.setAttribute("aria-label", o ? "Close menu" : "Open menu");
    // While open, everything but the header's menu button and the menu is inert.
    var rest = document.querySelectorAll("main, .toc, .site-footer, .site-title, .search-slot, .theme-toggle");
    for (var i = 0; i < rest.length; i++) rest[i].inert = o;
    if (o) (here || nav.querySelector("a") || nav).focus();
    else if (refocus) btn.focus();
  }

  btn.addEventListener("click", function () { setOpen(!open, true); });
  backdrop.addEventListener("click", function () { setOpen(false, true); });
  document.addEventListener("keydown", function (e) {
    if (open && e.key === "Escape") { e.preventDefault(); setOpen(false, true); }
  });
  nav.addEventListener("click", function (e) {
    if (open && e.target.closest("a")) setOpen(false, false);
  });
  narrow.addEventListener("change", function () { if (!narrow.matches) setOpen(false, false); });
})();
