// Rillet's widget loader, for pages on any site. A script tag turns placeholders into widget
// frames:
//
//   <div data-rillet-feed="https://example.com/feed.xml" data-limit="5"></div>
//   <script src="https://you.example/rillet/embed.js" async></script>
//
// or, with the same script, a custom element:
//
//   <rillet-feed feed="https://example.com/feed.xml" limit="5"></rillet-feed>
//
// An empty feed shows Rillet's built-in feed. Other options (data-NAME on the div, NAME on the
// element): limit, layout (list, cards), theme (auto, light, dark), excerpt (1, 0), target
// (_blank, _top), title (1, 0), proxy (a CORS proxy, {url} standing for the feed address), and
// label (the frame's accessible title, "Latest articles" by default).
//
// Each frame is embed.html from the folder this script comes from. It loads lazily, and its
// height follows its content: the widget posts {type: 'rillet:height', height, id} to this page
// and the listener below resizes the frame that sent it.
//
// Plain JavaScript with no build step: it is served as it is written.
(() => {
  'use strict';
  if (window.rilletEmbed) return; // the script is on the page twice
  const script = document.currentScript;
  const WIDGET = new URL('embed.html', script ? script.src : location.href);
  const OPTIONS = ['limit', 'layout', 'theme', 'excerpt', 'target', 'title', 'proxy'];
  const frames = new Map(); // id -> iframe
  let count = 0;

  // A widget frame for options read by `read(name)` (null when not given).
  function widgetFrame(read) {
    const id = `rillet-${++count}`;
    const params = new URLSearchParams();
    const feed = read('feed');
    if (feed) params.set('feed', feed.trim());
    for (const name of OPTIONS) {
      const value = read(name);
      if (value) params.set(name, value.trim());
    }
    params.set('id', id);
    const frame = document.createElement('iframe');
    frame.src = `${WIDGET.href}?${params}`;
    frame.title = read('label') || 'Latest articles';
    frame.loading = 'lazy';
    // A first guess at the height until the widget says how tall it is. The frame's color
    // scheme is the widget's, so the browser draws no opaque backdrop around its corners.
    const theme = read('theme');
    frame.style.cssText = 'display: block; width: 100%; height: 320px; border: 0;';
    frame.style.colorScheme = theme === 'light' || theme === 'dark' ? theme : 'light dark';
    frames.set(id, frame);
    return frame;
  }

  addEventListener('message', (event) => {
    if (event.origin !== WIDGET.origin) return;
    const data = event.data;
    if (!data || data.type !== 'rillet:height' || typeof data.height !== 'number') return;
    const frame = frames.get(data.id);
    if (frame && frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
    }
  });

  // <div data-rillet-feed="…" data-limit="…">: the div's content (a fallback link, say) is
  // replaced by the frame.
  function mountPlaceholders() {
    for (const host of document.querySelectorAll('[data-rillet-feed]:not([data-rillet-mounted])')) {
      host.setAttribute('data-rillet-mounted', '');
      const read = (name) => host.getAttribute(name === 'feed' ? 'data-rillet-feed' : `data-${name}`);
      host.replaceChildren(widgetFrame(read));
    }
  }

  // <rillet-feed feed="…" limit="…">: the frame follows the attributes.
  class RilletFeed extends HTMLElement {
    static observedAttributes = ['feed', 'label', ...OPTIONS];

    connectedCallback() {
      this.style.display = 'block';
      if (!this.frame) this.render();
    }

    attributeChangedCallback() {
      if (this.frame) this.render();
    }

    render() {
      if (this.frame) frames.forEach((frame, id) => frame === this.frame && frames.delete(id));
      this.frame = widgetFrame((name) => this.getAttribute(name));
      this.replaceChildren(this.frame);
    }
  }

  window.rilletEmbed = { mount: mountPlaceholders };
  if (!customElements.get('rillet-feed')) customElements.define('rillet-feed', RilletFeed);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountPlaceholders);
  } else {
    mountPlaceholders();
  }
  // Placeholders a page adds later (a page that renders its own content with script).
  new MutationObserver(mountPlaceholders).observe(document.documentElement, { childList: true, subtree: true });
})();
