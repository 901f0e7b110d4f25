// The first script on the app's page, before its code loads (index.html's <head>):
// 1. `?embed=1` asks for the widget: go to the lighter embed.html with the same query, so the
//    app's WebAssembly is never started for it.
// 2. Registers the service worker that keeps the app shell for offline use (sw.js, this folder).
// 3. Starts downloading the built-in feed when the page will show it (no feed or view in the
//    address, no subscriptions), so it arrives while the app's code is still loading; the app
//    takes the answer from `window.rilletBuiltinFeed`.
(() => {
  'use strict';
  if (new URLSearchParams(location.search).get('embed') === '1') {
    // Stop parsing this page first (nothing after this script loads or runs), then leave.
    window.stop();
    location.replace(new URL(`embed.html${location.search}${location.hash}`, location.href));
    return;
  }
  const query = new URLSearchParams(location.search);
  const builtin =
    /^https?:$/.test(location.protocol) &&
    !query.get('feed') &&
    !query.get('view') &&
    localStorage.getItem('rillet.subscribed') !== '1';
  if (builtin) {
    const answer = fetch('assets/forem_hadil_rss20.xml').then((r) =>
      r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`)),
    );
    answer.catch(() => {}); // the app reports failures itself (it fetches again)
    window.rilletBuiltinFeed = answer;
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
