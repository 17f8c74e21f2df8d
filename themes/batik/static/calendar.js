// The calendar page is right as of the day the site was built. A site is built once and read for
// weeks, so this moves exhibitions that have ended since then to "past", on the visitor's own day.
// Without JavaScript the page still reads correctly as of the build.
(function () {
  var now = new Date();
  var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
    String(now.getDate()).padStart(2, "0");
  var past = document.getElementById("past-moved");
  if (!past) return;
  var items = document.querySelectorAll("#upcoming-list .calendar-item");
  for (var i = items.length - 1; i >= 0; i--) {
    var last = items[i].getAttribute("data-last-day");
    if (last && last < today) {
      past.insertBefore(items[i], past.firstChild);
    }
  }
})();
