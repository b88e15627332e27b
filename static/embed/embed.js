/* Casefile embed loader: https://<casefile host>/embed.js
 *
 * Turns every <div data-casefile-case="<case>"> on the page into a lazy iframe of that case's
 * timeline, sized to its content. Options travel as data attributes: data-theme (light, dark,
 * auto), data-limit (latest N events), data-order (asc, desc), data-view (compact, full),
 * data-lang (en, de, ru, kk, ug: the widget's language and that of the pages it links to) and
 * the timeline filters data-actor, data-kind (space-separated), data-from, data-to, data-q,
 * data-place.
 *
 * One global, CasefileEmbed; including the script twice, or calling CasefileEmbed.scan() after
 * adding widgets, mounts only the new ones.
 */
(function () {
  "use strict";

  if (window.CasefileEmbed) {
    window.CasefileEmbed.scan();
    return;
  }

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var origin = new URL(script.src, location.href).origin;
  var OPTIONS = [
    "theme", "limit", "order", "view", "lang", "actor", "kind", "from", "to", "q", "place"
  ];
  var REPEATABLE = { actor: true, kind: true };
  var MAX_HEIGHT = 50000;
  var frames = [];

  function widgetUrl(host) {
    var slug = host.getAttribute("data-casefile-case");
    var url = new URL("/embed/cases/" + encodeURIComponent(slug) + "/", origin);
    OPTIONS.forEach(function (name) {
      var value = (host.getAttribute("data-" + name) || "").trim();
      var values = REPEATABLE[name] ? value.split(/[\s,]+/) : [value];
      values.forEach(function (item) {
        if (item) url.searchParams.append(name, item);
      });
    });
    return url.href;
  }

  function mount(host) {
    if (host.hasAttribute("data-casefile-mounted") || !host.getAttribute("data-casefile-case")) {
      return;
    }
    host.setAttribute("data-casefile-mounted", "");
    var frame = document.createElement("iframe");
    frame.src = widgetUrl(host);
    frame.title = host.getAttribute("data-title") || host.textContent.trim() || "Casefile timeline";
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin";
    // No allow-same-origin: the widget runs as an opaque origin, without cookies or storage.
    frame.setAttribute("sandbox", "allow-scripts allow-popups allow-popups-to-escape-sandbox");
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.height = "300px";
    frame.style.border = "0";
    host.textContent = "";
    host.appendChild(frame);
    frames.push(frame);
  }

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-casefile-case]"), mount);
  }

  window.addEventListener("message", function (event) {
    // A sandboxed widget's messages come from the origin "null": who sent it is what counts.
    if (event.origin !== origin && event.origin !== "null") return;
    var data = event.data;
    if (!data || data.type !== "casefile:height" || typeof data.height !== "number") return;
    if (!(data.height > 0 && data.height <= MAX_HEIGHT)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(data.height) + "px";
        return;
      }
    }
  });

  window.CasefileEmbed = { scan: scan };
  scan();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  }
})();
