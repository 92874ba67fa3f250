// Which browser versions the extension really needs: for each feature its built code uses that is
// newer than the rest (found by searching .output/ for them), the first Chrome and Firefox versions
// that have it, from MDN's browser-compat-data (installed with web-ext). The highest of each column,
// with the manifest keys' own needs, is the manifest's minimum.
//   node scripts/min-browser-versions.mjs
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data');

/** [what to search the build for, its compat-data path, a note]. */
const FEATURES = [
  [/color-mix\(/, 'css.types.color.color-mix', 'theme colors'],
  [/@container/, 'css.at-rules.container', 'the options table turns into cards'],
  [/\binert\b/, 'api.HTMLElement.inert', 'the popup header behind a detail'],
  [/showModal/, 'api.HTMLDialogElement.showModal', 'confirmation dialogs'],
  [/\?\?=/, 'javascript.operators.nullish_coalescing_assignment', ''],
  [/Object\.hasOwn|hasOwn\(/, 'javascript.builtins.Object.hasOwn', ''],
  [/\.at\(/, 'javascript.builtins.Array.at', ''],
  [/replaceAll/, 'javascript.builtins.String.replaceAll', ''],
  [/durability/, 'api.IDBDatabase.transaction.options_durability_parameter', 'ignored where missing'],
];
/** Manifest keys, which the search cannot see. */
const MANIFEST = [
  ['webextensions.manifest.browser_specific_settings.gecko.data_collection_permissions', 'Firefox requires it of new add-ons'],
  ['webextensions.manifest.background.service_worker', 'Chrome MV3 background'],
];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.(js|css|html)$/.test(e.name) ? [path.join(dir, e.name)] : []);
}
const built = files('.output/chrome-mv3').map((f) => readFileSync(f, 'utf8')).join('\n');

function versions(key) {
  let node = bcd;
  for (const part of key.split('.')) node = node?.[part];
  const support = node?.__compat?.support;
  const first = (browser) => {
    const entry = [support?.[browser]].flat()[0];
    return entry?.version_added ?? '—';
  };
  return { chrome: first('chrome'), firefox: first('firefox') };
}

const rows = [];
for (const [pattern, key, note] of FEATURES) if (pattern.test(built)) rows.push({ key, ...versions(key), note });
for (const [key, note] of MANIFEST) rows.push({ key, ...versions(key), note });
console.table(rows);
const highest = (browser) => rows.map((r) => parseFloat(String(r[browser]).replace(/^[^\d]*/, ''))).filter(Number.isFinite).reduce((a, b) => Math.max(a, b), 0);
console.log(`needs Chrome ${highest('chrome')}, Firefox ${highest('firefox')}`);
