// Third-party pages for the widget specs: a blog on another origin, embedding the widget with
// the README's own snippets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/**
 * A code block of the README, marked `<!-- snippet: NAME -->`, pointed at the app served from
 * `app` (an origin) and at `feed`, showing `limit` entries.
 */
export function snippet(name, { app, feed, limit }) {
  const block = README.match(new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`html\\n([\\s\\S]*?)\\n\`\`\``));
  assert.ok(block, `README has the ${name} snippet`);
  return block[1]
    .replaceAll('https://you.example/rillet/', `${app}/`)
    .replaceAll('https://you.example', app)
    .replaceAll('https://example.com/feed.xml', feed)
    .replace(/(data-limit="|limit=)5/, `$1${limit}`);
}

/** A blog page with `body` between two paragraphs. */
export function blogPage(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title>
<style>body { font: 16px/1.5 Georgia, serif; max-width: 40rem; margin: 2rem auto; color: #222; background: #fdfcf9; }</style>
</head><body><h1>A blog on another site</h1><p>Some words before the widget.</p>
${body}
<p>Some words after it.</p></body></html>`;
}
