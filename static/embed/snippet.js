/* "Embed this timeline": copy buttons, shown only where scripts and the clipboard work. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    if (button.hasAttribute("data-copy-ready")) return;
    button.setAttribute("data-copy-ready", "");
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var code = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(code.value).then(function () {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () {
          button.textContent = label;
        }, 2000);
      });
    });
  });
})();
