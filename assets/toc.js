/* Highlights the section being read in the "On this page" list. */
(function () {
  var links = document.querySelectorAll(".toc a[href^='#']");
  if (!links.length || !window.IntersectionObserver) return;
  var byId = {}, heads = [], seen = {}, active = null;
  links.forEach(function (a) {
    var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (h) { byId[h.id] = a; heads.push(h); }
  });

  function mark(id) {
    if (id === active) return;
    if (active) byId[active].classList.remove("is-active");
    active = id;
    if (id) byId[id].classList.add("is-active");
  }
  function update() {
    var id = null;
    for (var i = 0; i < heads.length; i++) {
      if (seen[heads[i].id]) { mark(heads[i].id); return; }
      // No heading in the reading band: keep the last one above it.
      if (heads[i].getBoundingClientRect().top < innerHeight * 0.3) id = heads[i].id;
    }
    mark(id);
  }

  var top = (document.querySelector(".site-header") || {}).offsetHeight || 0;
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { seen[e.target.id] = e.isIntersecting; });
    update();
  }, { rootMargin: "-" + top + "px 0px -70% 0px" });
  heads.forEach(function (h) { io.observe(h); });
})();
