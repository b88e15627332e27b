/* Casefile's own small script for the filter form above a timeline (templates/cases/_filters.html).
 * Everything here is an improvement: without it the form, its disclosure and the chips work as
 * plain HTML. */
(function () {
  "use strict";

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
  // every change, and its newest request (hx-sync replace) carries them all, however requests
  // overlap with typing.
  document.addEventListener(
    "click",
    function (event) {
      var chip = event.target.closest && event.target.closest("a.chip[data-filter]");
      var form = document.getElementById("filters");
      if (!chip || !form || !window.htmx || event.ctrlKey || event.metaKey || event.shiftKey) {
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
      window.htmx.trigger(form, "submit");
    },
    true
  );

  // On a phone, showing the events closes the form over them.
  document.addEventListener("submit", function (event) {
    var details = disclosure();
    if (details && !WIDE.matches && details.contains(event.target)) details.open = false;
  });
})();
