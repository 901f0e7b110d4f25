// Lighthouse 12.2.3 (npm, exact pin) against the built app on 127.0.0.1, with Debian's Chromium
// launched by chrome-launcher (Lighthouse's own launcher: CHROME_PATH, a fresh profile) and the
// hermetic flags of tests/e2e/harness.mjs. Part of `make bench`; alone:
//
//   node bench/lighthouse.mjs [URL]      (default: serves RILLET_DIST or dist/ itself)
//
// Nothing leaves 127.0.0.1: the host-resolver rule resolves no other host, and Lighthouse's own
// `blockedUrlPatterns` stops every other request in the browser before it is even resolved
// (the built-in feed's articles link their pictures on https hosts). Lighthouse's console-error
// audit ignores exactly that kind of refusal (`ERR_BLOCKED_BY_CLIENT.Inspector`), so a blocked
// picture is no "error" here, as a picture that loads is none for a reader online. Every
// request that was not for 127.0.0.1 is counted from Lighthouse's own network log and printed.
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const GOAL = 95;

/** The audits behind a category's score that did not pass, with what Lighthouse says. */
function failing(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  const out = [];
  for (const ref of category.auditRefs) {
    const audit = lhr.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 0.9) continue;
    if (['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode)) continue;
    // Performance: the weighted metrics, and the diagnostics and opportunities that flag them.
    out.push({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      weight: ref.weight,
      displayValue: audit.displayValue || '',
      items: describeItems(audit.details),
      savings: audit.details?.overallSavingsMs || audit.details?.overallSavingsBytes
        ? { ms: audit.details.overallSavingsMs, bytes: audit.details.overallSavingsBytes } : null,
    });
  }
  return out.sort((a, b) => b.weight - a.weight || a.score - b.score);
}

/** Up to five rows of an audit's table or list, as short strings. */
function describeItems(details) {
  if (!details) return [];
  // A list of tables (largest-contentful-paint-element): their rows, one after another.
  const items = details.type === 'list'
    ? details.items.flatMap((d) => d.items || [])
    : details.items || [];
  const rows = [];
  for (const item of items.slice(0, 5)) {
    const parts = [];
    if (item.node) parts.push(`${item.node.selector || ''} ${item.node.snippet || ''}`.trim());
    if (item.node?.explanation) parts.push(item.node.explanation.replace(/\s+/g, ' '));
    if (item.groupLabel) parts.push(item.groupLabel);
    if (item.url) parts.push(item.url);
    if (item.label && !item.groupLabel) parts.push(String(item.label));
    if (item.description) parts.push(String(item.description).replace(/\s+/g, ' '));
    if (item.wastedBytes) parts.push(`${(item.wastedBytes / 1024).toFixed(1)} KiB wasted`);
    if (item.wastedMs) parts.push(`${Math.round(item.wastedMs)} ms wasted`);
    if (item.totalBytes && !item.wastedBytes) parts.push(`${(item.totalBytes / 1024).toFixed(1)} KiB`);
    if (item.duration) parts.push(`${Math.round(item.duration)} ms`);
    if (item.startTime !== undefined && item.duration) parts.push(`starting at ${Math.round(item.startTime)} ms`);
    if (typeof item.score === 'number') parts.push(`shift score ${item.score.toFixed(3)}`);
    if (item.phase) parts.push(`${item.phase}: ${Math.round(item.timing)} ms`);
    if (item.total && !item.duration) parts.push(`${Math.round(item.total)} ms total`);
    if (item.scripting) parts.push(`${Math.round(item.scripting)} ms scripting`);
    if (!parts.length && item.subItems) parts.push(JSON.stringify(item).slice(0, 200));
    if (!parts.length) parts.push(JSON.stringify(item).slice(0, 200));
    rows.push(parts.join(' — ').slice(0, 400));
  }
  if (items.length > 5) rows.push(`… and ${items.length - 5} more`);
  return rows;
}

/** Informative performance audits printed with a low performance score. */
const EXPLAIN = ['long-tasks', 'bootup-time', 'largest-contentful-paint-element', 'layout-shifts', 'network-requests'];

/** The metrics Lighthouse scored, as "FCP 0.4 s (score 1.00)". */
function metrics(lhr) {
  const ids = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  return ids.map((id) => {
    const a = lhr.audits[id];
    return { id, displayValue: a?.displayValue, numericValue: a?.numericValue, score: a?.score };
  });
}

/**
 * Runs Lighthouse once per preset ('desktop', 'mobile') against `url`; returns per preset the
 * scores (0-100), the failing audits of each category, the metrics, and the requests that were
 * not for 127.0.0.1.
 */
export async function runLighthouse(url, { presets = ['desktop', 'mobile'], runs = 1, log = () => {} } = {}) {
  const chromePath = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
  const results = {};
  for (const preset of presets) {
    const tries = [];
    for (let i = 0; i < runs; i++) {
      const chrome = await chromeLauncher.launch({
        chromePath,
        chromeFlags: ['--headless', ...CHROMIUM_ARGS],
        logLevel: 'silent',
      });
      try {
        const flags = {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          blockedUrlPatterns: process.env.LH_NO_BLOCK ? [] : ['https://*'],
        };
        const runner = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
        const lhr = runner.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const records = runner.artifacts?.DevtoolsLog?.filter((m) => m.method === 'Network.requestWillBeSent') || [];
        const outside = [...new Set(records
          .map((m) => m.params.request.url)
          .filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== '127.0.0.1'))];
        tries.push({
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
          failing: Object.fromEntries(CATEGORIES.map((c) => [c, failing(lhr, c)])),
          metrics: metrics(lhr),
          // What explains the performance score: informative audits that point at causes.
          explain: Object.fromEntries(EXPLAIN.map((id) => [id, {
            title: lhr.audits[id]?.title,
            displayValue: lhr.audits[id]?.displayValue || '',
            items: describeItems(lhr.audits[id]?.details),
          }])),
          outside,
          version: lhr.lighthouseVersion,
          userAgent: lhr.environment?.hostUserAgent,
          warnings: lhr.runWarnings,
        });
        log(`lighthouse ${preset} run ${i + 1}/${runs}: ${CATEGORIES.map((c) => `${c} ${tries.at(-1).scores[c]}`).join(', ')}`);
      } finally {
        await chrome.kill();
      }
    }
    // The run with the median performance score stands for the preset.
    tries.sort((a, b) => a.scores.performance - b.scores.performance);
    results[preset] = { ...tries[Math.floor((tries.length - 1) / 2)], allPerformance: tries.map((t) => t.scores.performance) };
  }
  return results;
}

/** Lines describing the audits that did not pass, for every category short of 100. */
export function failingReport(result, preset) {
  const lines = [];
  for (const c of CATEGORIES) {
    if (result.scores[c] >= 100) continue;
    const verdict = result.scores[c] >= GOAL ? 'meets the goal' : 'BELOW the goal';
    lines.push(`${preset} ${c}: ${result.scores[c]} (goal ≥ ${GOAL}: ${verdict}); audits that did not pass:`);
    if (c === 'performance') {
      lines.push(`  metrics: ${result.metrics.map((m) => `${m.id} ${m.displayValue} (score ${m.score?.toFixed(2)})`).join('; ')}`);
      for (const [id, e] of Object.entries(result.explain)) {
        if (id === 'network-requests') continue; // in the JSON output
        lines.push(`  · ${id}: ${e.title}${e.displayValue ? ` — ${e.displayValue}` : ''}`);
        for (const item of e.items) lines.push(`      ${item}`);
      }
    }
    for (const a of result.failing[c]) {
      lines.push(`  - ${a.id} (score ${a.score?.toFixed(2)}, weight ${a.weight}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
      for (const item of a.items) lines.push(`      ${item}`);
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { prepareDir, serveRoutes } = await import('./serve.mjs');
  const { ROOT } = await import('./feeds.mjs');
  let url = process.argv[2];
  let server;
  if (!url) {
    server = await serveRoutes(prepareDir(process.env.RILLET_DIST || join(ROOT, 'dist')));
    url = `${server.origin}/`;
  }
  try {
    const out = await runLighthouse(url, { runs: Number(process.env.LH_RUNS) || 1, log: console.log });
    for (const [preset, r] of Object.entries(out)) {
      console.log(`\n${preset}: ${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(', ')}; ` +
        `requests not for 127.0.0.1: ${r.outside.length} (blocked in the browser)`);
      for (const line of failingReport(r, preset)) console.log(line);
    }
  } finally {
    await server?.close();
  }
}
