// Django admin (templates/admin/base_site.html loads this file, deferred, so its load handler runs after Django's).
//
// Django 5.2's admin/js/SelectFilter2.js (the filter_horizontal widget, Voorbeeldvraag.criteria) puts the filter
// field's help text as aria-label on an empty <span> without a role inside the field's <label>. ARIA forbids a
// name on such a span, so screen readers may drop it (axe: aria-prohibited-attr, WCAG 4.1.2). As an image the
// icon may carry that name, and the label passes it on to the field, as Django meant.
(function () {
  "use strict";

  window.addEventListener("load", () => {
    for (const icoon of document.querySelectorAll(".selector .search-label-icon[aria-label]:not([role])")) {
      icoon.setAttribute("role", "img");
    }
  });
})();
