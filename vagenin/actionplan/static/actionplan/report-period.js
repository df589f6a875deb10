// Choosing a reporting round fills in the report period's dates from the round (the server does the same
// for dates left empty, so the form works without this script).
(function () {
  "use strict";
  document.querySelectorAll("select[data-fills-report-period]").forEach(function (select) {
    var form = select.form;
    if (!form) return;
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var start = form.elements.namedItem("period_start");
      var end = form.elements.namedItem("period_end");
      if (option && option.dataset.periodStart && start && end) {
        start.value = option.dataset.periodStart;
        end.value = option.dataset.periodEnd;
      }
    });
  });
})();
