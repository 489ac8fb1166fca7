// The shop's own script on the fault test pages: a cart counter that must
// keep working whatever happens to Stammkunde.
(function () {
  var count = 0;
  var out = document.getElementById('count');
  document.getElementById('add').addEventListener('click', function () {
    count += 1;
    out.textContent = String(count);
  });
  window.shopReady = true;
})();
