// Runs inside the page under test, bundled by engines.mjs with esbuild: finds elements the way
// a person does, by role and accessible name, label, visible text or title (Testing Library's
// queries, which follow the ARIA and accessible-name specs), so that every engine answers the
// same question with the same code. A locator is a chain of steps, each looked for inside the
// matches of the one before; `nth` picks one match (negative counts from the end).
import { configure, queries } from '@testing-library/dom';

// Failures are reported by the driver with the locator's own description, not a DOM dump.
configure({ getElementError: (message) => new Error(message) });

const revive = (m) => (m && typeof m === 'object' && 'source' in m ? new RegExp(m.source, m.flags) : m);

function step(root, { by, arg, options = {} }) {
  const opts = { ...options };
  if ('name' in opts) opts.name = revive(opts.name);
  switch (by) {
    case 'role':
      return queries.queryAllByRole(root, arg, opts);
    case 'label':
      return queries.queryAllByLabelText(root, revive(arg), opts);
    case 'text':
      return queries.queryAllByText(root, revive(arg), opts);
    case 'title':
      return queries.queryAllByTitle(root, revive(arg), opts);
    case 'css':
      return [...root.querySelectorAll(arg)];
    default:
      throw new Error(`unknown locator step: ${by}`);
  }
}

function all(chain) {
  let scope = [document];
  for (const s of chain) {
    const found = [...new Set(scope.flatMap((root) => step(root, s)))];
    if (s.nth === undefined) scope = found;
    else {
      const one = found.at(s.nth);
      scope = one ? [one] : [];
    }
  }
  return scope;
}

/**
 * An element's text, whitespace collapsed. Its textContent, not innerText: rows off screen skip
 * rendering (content-visibility: auto), and innerText of skipped content is '' in every engine.
 */
const text = (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

window.__rilletDom = {
  all,
  first: (chain) => all(chain)[0] ?? null,
  count: (chain) => all(chain).length,
  texts: (chain) => all(chain).map(text),
};
