// Renders the app icon (assets/icon.svg) to the PNG sizes the web app manifest names
// (assets/icons/icon-192.png, icon-512.png), with the local Chromium. Run once after changing
// the icon; the PNGs are committed, so builds need nothing of this.
//   node scripts/make-icons.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const svg = readFileSync(join(ROOT, 'assets/icon.svg'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const path = join(ROOT, `assets/icons/icon-${size}.png`);
    await page.screenshot({ path, omitBackground: true });
    await page.close();
    console.log(`make-icons: ${path}`);
  }
} finally {
  await browser.close();
}
