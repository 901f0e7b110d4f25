// The first script on the app's page, before its code loads (index.html's <head>):
// 1. `?embed=1` asks for the widget: go to the lighter embed.html with the same query, so the
//    app's WebAssembly is never started for it.
// 2. Registers the service worker that keeps the app shell for offline use (sw.js, this folder).
(() => {
  'use strict';
  if (new URLSearchParams(location.search).get('embed') === '1') {
    // Stop parsing this page first (nothing after this script loads or runs), then leave.
    window.stop();
    location.replace(new URL(`embed.html${location.search}${location.hash}`, location.href));
    return;
  }
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    // After the page has loaded, so precaching never competes with the first paint.
    addEventListener('load', () => {
      navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {
        // No offline copy this time (a private window, or a host that does not serve sw.js).
      });
    });
  }
})();
