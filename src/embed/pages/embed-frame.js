// The iframe page (embed.html): one <kvrocks-lab>, its settings taken from this page's URL query
// (validated by the element, which shows any mistake inside itself), the page's colour scheme from
// its `theme` parameter. The frame tells its parent how tall its content is, so the parent can size
// the iframe: window.parent.postMessage({ type: 'kvrocks-lab:height', height }, '*'), sent after
// each change (docs/embed.md, "Iframes"; the snippet generator writes the listening side).
(function () {
  var params = new URLSearchParams(location.search);
  var theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.style.colorScheme = theme;
  if ((params.get('height') || '').trim().toLowerCase() === 'fill') document.documentElement.classList.add('fill');
  var lab = document.createElement('kvrocks-lab');
  lab.query = location.search;
  document.getElementById('frame').appendChild(lab);
  if (window.parent === window) return;
  var last = -1;
  function post() {
    var height = Math.ceil(lab.getBoundingClientRect().height);
    if (height === last || height === 0) return;
    last = height;
    window.parent.postMessage({ type: 'kvrocks-lab:height', height: height }, '*');
  }
  new ResizeObserver(post).observe(lab);
})();
