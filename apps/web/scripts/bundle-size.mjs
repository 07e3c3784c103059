/**
 * Prints the chat page's first-load JavaScript, gzipped, and fails when it is over budget.
 * Run after `next build`: it reads the static export (out/chat/index.html), collects every
 * script the page loads or preloads, and gzips each file as a server would send it.
 *
 * Usage: node scripts/bundle-size.mjs [page-html] [budget-kb]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
const page = process.argv[2] ?? 'chat/index.html';
const budgetKb = Number(process.argv[3] ?? 250);

const html = readFileSync(join(root, page), 'utf8');
const sources = new Set();
for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) sources.add(match[1]);
for (const match of html.matchAll(/<link\b[^>]*>/g)) {
  const tag = match[0];
  const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
  if (href && /\bas="script"|\brel="modulepreload"/.test(tag)) sources.add(href);
}
if (sources.size === 0) {
  console.error(`bundle-size: no scripts found in out/${page}`);
  process.exit(1);
}

let raw = 0;
let gzipped = 0;
const rows = [];
for (const src of sources) {
  // Only same-origin files of the export; the path is relative to out/.
  const path = new URL(src, 'http://export.invalid/').pathname;
  const bytes = readFileSync(join(root, decodeURIComponent(path)));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  rows.push({ path, gz });
}

const kb = (n) => (n / 1024).toFixed(1);
rows.sort((a, b) => b.gz - a.gz);
for (const row of rows) console.log(`  ${kb(row.gz).padStart(7)} KB  ${row.path}`);
console.log(
  `/${page.replace(/index\.html$/, '')} first-load JS: ${kb(gzipped)} KB gzipped ` +
    `(${kb(raw)} KB raw, ${rows.length} files); budget ${budgetKb} KB`,
);
if (gzipped > budgetKb * 1024) {
  console.error(`bundle-size: over budget by ${kb(gzipped - budgetKb * 1024)} KB`);
  process.exit(1);
}
