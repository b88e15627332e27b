/* Inside a Casefile widget: tell the embedding page how tall the widget is, whenever that
 * changes, and keep links within the timeline (its pages) inside the frame. */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll('a[href^="?"]'), function (link) {
    link.target = "_self";
  });

  if (window.parent === window) return;

  // The embedding page's origin, where the browser tells it (location.ancestorOrigins) or the
  // referrer does; a height is no secret, so when neither does, any origin may receive it.
  function parentOrigin() {
    var ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length && /^https?:/.test(ancestors[0])) return ancestors[0];
    try {
      var referrer = new URL(document.referrer).origin;
      if (/^https?:/.test(referrer) && referrer !== location.origin) return referrer;
    } catch (error) {
      // No referrer: fall through.
    }
    return "*";
  }

  var target = parentOrigin();
  var last = 0;

  function postHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "casefile:height", height: height }, target);
  }

  window.addEventListener("load", postHeight);
  if (window.ResizeObserver) {
    new ResizeObserver(postHeight).observe(document.documentElement);
  }
  postHeight();
})();
