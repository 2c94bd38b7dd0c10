/* Adds a "Copy" button to each .code-block; announces the result. */
(function () {
  var blocks = document.querySelectorAll(".code-block");
  if (!blocks.length) return;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function say(msg) {
    status.textContent = "";
    setTimeout(function () { status.textContent = msg; }, 50);
  }
  // navigator.clipboard needs a secure context; fall back to execCommand.
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.className = "copy-buffer";
    ta.value = text;
    ta.setAttribute("readonly", "");
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) {}
    ta.remove();
    return ok ? Promise.resolve() : Promise.reject();
  }
  function copy(text) {
    return navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallback(text); })
      : fallback(text);
  }

  blocks.forEach(function (block) {
    var code = block.querySelector("pre");
    if (!code) return;
    var btn = document.createElement("button"), lang = block.getAttribute("data-lang"), timer;
    btn.type = "button";
    btn.className = "copy-btn";
    btn.textContent = "Copy";
    btn.setAttribute("aria-label", lang ? "Copy " + lang + " code" : "Copy code");
    btn.addEventListener("click", function () {
      copy(code.textContent.replace(/\n$/, "")).then(function () {
        btn.textContent = "Copied";
        btn.classList.add("is-copied");
        say("Copied");
      }, function () {
        btn.textContent = "Failed";
        say("Copy failed; select the code and copy it by hand");
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        btn.textContent = "Copy";
        btn.classList.remove("is-copied");
      }, 2000);
    });
    block.appendChild(btn);
  });
})();
