// The iframe page (embed.html): one <kvrocks-lab> filling the frame, its settings taken from this
// page's URL query (validated by the element, which shows any mistake inside itself).
(function () {
  var lab = document.createElement('kvrocks-lab');
  lab.query = location.search;
  document.body.appendChild(lab);
})();
