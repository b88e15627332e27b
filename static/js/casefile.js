/* Casefile's own small script for the filter form above a timeline (templates/cases/_filters.html).
 * Everything here is an improvement: without it the form, its disclosure and the chips work as
 * plain HTML. */
(function () {
  "use strict";

  // htmx is half of what a page transfers (17 KB compressed), and most visitors only read: it
  // arrives when one first reaches for something it drives (a pointer over, a touch on or focus in
  // an element with data-hx- attributes). A change made before it is here is sent once it is;
  // until then the form and its links work as plain HTML. base.html names the files in
  // data-htmx. Our templates write htmx's attributes as data-hx-*, which htmx reads as it
  // reads hx-*, so that the pages are valid HTML.
  var HTMX_SOURCES = ((document.currentScript && document.currentScript.getAttribute("data-htmx")) || "")
    .split(" ")
    .filter(Boolean);
  var DRIVEN = "[data-hx-get], [data-hx-boost], [data-hx-post]";
  // As long as data-hx-trigger's "delay" on the typed fields (templates/cases/_filters.html).
  var TYPING_PAUSE = 400;
  var htmxRequested = false;
  // The latest change made before htmx was here: {target, type}, the event to replay.
  var waiting = null;

  function loadHtmx() {
    if (htmxRequested || window.htmx) return;
    if (!HTMX_SOURCES.length) return withoutHtmx();
    htmxRequested = true;
    (function next(index) {
      if (index === HTMX_SOURCES.length) {
        var change = waiting;
        waiting = null;
        if (change && document.contains(change.target)) replay(change);
        return;
      }
      var script = document.createElement("script");
      script.src = HTMX_SOURCES[index];
      script.onload = function () {
        next(index + 1);
      };
      // Offline or blocked: a change waiting for htmx goes as plain HTML; the next reach retries.
      script.onerror = function () {
        htmxRequested = false;
        withoutHtmx();
      };
      document.head.appendChild(script);
    })(0);
  }

  // A change made before htmx came, sent through it. A choice is replayed as it happened. htmx
  // takes a typed field's value as it finds it for the one already asked for, so what was typed
  // before is asked for after the pause in typing htmx itself would wait, unless the visitor
  // typed on (then htmx asks, itself).
  function replay(change) {
    if (change.type !== "input") {
      change.target.dispatchEvent(new Event(change.type, { bubbles: true }));
      return;
    }
    // A facet's own search field asks for its choices ("search" is among its triggers).
    var field = change.target.matches(DRIVEN) ? change.target : null;
    var form = change.target.form;
    var typedOn = false;
    function typing() {
      typedOn = true;
    }
    document.addEventListener("input", typing, true);
    window.setTimeout(function () {
      document.removeEventListener("input", typing, true);
      if (typedOn || !document.contains(change.target)) return;
      if (field) window.htmx.trigger(field, "search");
      else window.htmx.trigger(form, "submit");
    }, TYPING_PAUSE);
  }

  function withoutHtmx() {
    var change = waiting;
    waiting = null;
    // Typing waits for the visitor's Enter or "Show" as on a page without script.
    if (!change || change.type === "input" || !document.contains(change.target)) return;
    (change.target.form || change.target).submit();
  }

  // Ask through the form with htmx, fetching htmx first if it is not here yet.
  function sendForm(form) {
    if (window.htmx) {
      window.htmx.trigger(form, "submit");
    } else {
      waiting = { target: form, type: "submit" };
      loadHtmx();
    }
  }

  function reaching(event) {
    if (window.htmx || !event.target.closest) return;
    if (event.target.closest(DRIVEN)) loadHtmx();
  }

  ["pointerover", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, reaching, { capture: true, passive: true });
  });

  function changedBeforeHtmx(event) {
    if (window.htmx) return;
    var form = event.target.form;
    if (!form || !form.matches(DRIVEN)) return;
    waiting = { target: event.target, type: event.type };
    loadHtmx();
  }

  document.addEventListener("change", changedBeforeHtmx, true);
  document.addEventListener("input", changedBeforeHtmx, true);

  // Wider than a phone, the filter form is open from the start (see .filters-disclosure).
  var WIDE = window.matchMedia("(min-width: 48rem)");

  function disclosure() {
    return document.getElementById("filters-disclosure");
  }

  // What a phone keeps behind a summary (data-open-when-wide) is open from the start when wider.
  function openWhenWide() {
    if (!WIDE.matches) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-open-when-wide]"), function (details) {
      details.open = true;
    });
  }

  openWhenWide();
  if (WIDE.addEventListener) WIDE.addEventListener("change", openWhenWide);

  // Escape closes the open facet it is in (or the last one opened), then the Filter disclosure.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var inside = event.target.closest && event.target.closest(".facet__details[open]");
    var open = inside || document.querySelector(".facet__details[open]:focus-within");
    if (!open) {
      var details = disclosure();
      if (details && details.open && !WIDE.matches && details.contains(event.target)) {
        open = details;
      }
    }
    if (!open) return;
    event.preventDefault();
    open.open = false;
    open.querySelector("summary").focus();
  });

  // Removing a chip changes the form and asks through it: the form is then the one record of
  // every change, and its newest request (data-hx-sync replace) carries them all, however
  // requests overlap with typing.
  document.addEventListener(
    "click",
    function (event) {
      var chip = event.target.closest && event.target.closest("a.chip[data-filter]");
      var form = document.getElementById("filters");
      if (!chip || !form || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      var name = chip.getAttribute("data-filter");
      var value = chip.getAttribute("data-filter-value");
      var fields = Array.prototype.filter.call(form.elements, function (field) {
        return field.name === name;
      });
      var cleared = false;
      fields.forEach(function (field) {
        var choice = field.type === "checkbox" || field.type === "radio";
        if (choice && field.value === value && field.checked) {
          field.checked = false;
          cleared = true;
        } else if (!choice && !value && field.value) {
          field.value = "";
          cleared = true;
        }
      });
      // A single choice (radio) falls back to its "any" option.
      fields.forEach(function (field) {
        if (cleared && field.type === "radio" && field.value === "") field.checked = true;
      });
      // A filter the form does not show: the link asks on its own.
      if (!cleared) return;
      event.preventDefault();
      event.stopPropagation();
      sendForm(form);
    },
    true
  );

  // On a phone, showing the events closes the form over them.
  document.addEventListener("submit", function (event) {
    var details = disclosure();
    if (details && !WIDE.matches && details.contains(event.target)) details.open = false;
  });
})();
