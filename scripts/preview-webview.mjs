// Renders the report webview outside VS Code, the way the panel serves it, and screenshots it.
//
//   node scripts/preview-webview.mjs [--only=daily,error] [--themes=light,dark] [--no-shots]
//
// 1. Builds the webview bundle (same esbuild options as scripts/build.mjs, into test-results/preview/dist) and bundles the host's own
//    HTML function (src/extension/webviewHtml.ts) so the page has the real CSP, nonce and tags.
// 2. Serves it from 127.0.0.1 (the "cspSource"), adds a nonce'd script that stubs
//    acquireVsCodeApi, applies VS Code theme variables through CSSOM (as VS Code does) and records
//    CSP violations.
// 3. Posts sample snapshots and takes Chromium screenshots (1200×900 and 480×900) in light, dark,
//    high-contrast (and high-contrast light) themes into test-results/preview/.
// 4. Measures render time (snapshot message → chart drawn) for 60 daily / 52 weekly / 120 monthly
//    buckets and prints the medians. Exits non-zero on any CSP violation or page error.
/* global window, document, Image, requestAnimationFrame -- used inside page.evaluate callbacks */
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'test-results', 'preview');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));

// ───────────── VS Code theme variables (from the default themes: Light Modern, Dark Modern, HC Black, HC Light)

const FONT = {
  '--vscode-font-family': 'system-ui, -apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

const THEMES = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#6f6f6f',
      '--vscode-errorForeground': '#f85149',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-editorWidget-background': '#f8f8f8',
      '--vscode-widget-border': '#e5e5e5',
      '--vscode-widget-shadow': '#00000029',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-badge-background': '#cccccc',
      '--vscode-badge-foreground': '#3b3b3b',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#0000001a',
      '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-charts-foreground': '#616161',
      '--vscode-charts-lines': '#61616180',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-purple': '#652d90',
      '--vscode-editorHoverWidget-background': '#f8f8f8',
      '--vscode-editorHoverWidget-foreground': '#3b3b3b',
      '--vscode-editorHoverWidget-border': '#c8c8c8',
      '--vscode-editorInfo-foreground': '#1a85ff',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textLink-activeForeground': '#005fb8',
      '--vscode-textBlockQuote-background': '#f8f8f8',
      '--vscode-textCodeBlock-background': '#f8f8f8',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-toolbar-hoverBackground': '#b8b8b850',
      '--vscode-menu-background': '#ffffff',
      '--vscode-menu-foreground': '#3b3b3b',
      '--vscode-menu-border': '#cecece',
      '--vscode-menu-selectionBackground': '#005fb8',
      '--vscode-menu-selectionForeground': '#ffffff',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-errorForeground': '#f85149',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-editorWidget-background': '#202020',
      '--vscode-widget-border': '#313131',
      '--vscode-widget-shadow': '#0000005c',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#ffffff12',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-charts-foreground': '#cccccc',
      '--vscode-charts-lines': '#cccccc80',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-editorHoverWidget-background': '#202020',
      '--vscode-editorHoverWidget-foreground': '#cccccc',
      '--vscode-editorHoverWidget-border': '#454545',
      '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textLink-activeForeground': '#4daafc',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-toolbar-hoverBackground': '#5a5d5e50',
      '--vscode-menu-background': '#1f1f1f',
      '--vscode-menu-foreground': '#cccccc',
      '--vscode-menu-border': '#454545',
      '--vscode-menu-selectionBackground': '#0078d4',
      '--vscode-menu-selectionForeground': '#ffffff',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-errorForeground': '#f48771',
      '--vscode-focusBorder': '#f38518',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-editorWidget-background': '#0c141f',
      '--vscode-widget-border': '#6fc3df',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-badge-background': '#000000',
      '--vscode-badge-foreground': '#ffffff',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-charts-foreground': '#ffffff',
      '--vscode-charts-lines': '#ffffff80',
      '--vscode-charts-red': '#f48771',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#ffd370',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-editorHoverWidget-background': '#0c141f',
      '--vscode-editorHoverWidget-foreground': '#ffffff',
      '--vscode-editorHoverWidget-border': '#6fc3df',
      '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textLink-activeForeground': '#21a6ff',
      '--vscode-textBlockQuote-background': '#000000',
      '--vscode-textCodeBlock-background': '#000000',
      '--vscode-menu-background': '#000000',
      '--vscode-menu-foreground': '#ffffff',
      '--vscode-menu-border': '#6fc3df',
      '--vscode-menu-selectionBorder': '#f38518',
    },
  },
  'hc-light': {
    bodyClass: 'vscode-high-contrast vscode-high-contrast-light',
    vars: {
      '--vscode-foreground': '#292929',
      '--vscode-descriptionForeground': '#292929b3',
      '--vscode-errorForeground': '#b5200d',
      '--vscode-focusBorder': '#006bbd',
      '--vscode-contrastBorder': '#0f4a85',
      '--vscode-contrastActiveBorder': '#006bbd',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#292929',
      '--vscode-editorWidget-background': '#ffffff',
      '--vscode-widget-border': '#0f4a85',
      '--vscode-panel-border': '#0f4a85',
      '--vscode-badge-background': '#0f4a85',
      '--vscode-badge-foreground': '#ffffff',
      '--vscode-button-background': '#0f4a85',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#0f4a85',
      '--vscode-button-secondaryBackground': '#ffffff',
      '--vscode-button-secondaryForeground': '#292929',
      '--vscode-charts-foreground': '#292929',
      '--vscode-charts-lines': '#29292980',
      '--vscode-charts-red': '#b5200d',
      '--vscode-charts-blue': '#0f4a85',
      '--vscode-charts-yellow': '#895503',
      '--vscode-charts-orange': '#895503',
      '--vscode-charts-green': '#374e06',
      '--vscode-charts-purple': '#652d90',
      '--vscode-editorHoverWidget-background': '#ffffff',
      '--vscode-editorHoverWidget-foreground': '#292929',
      '--vscode-editorHoverWidget-border': '#0f4a85',
      '--vscode-editorInfo-foreground': '#0f4a85',
      '--vscode-editorWarning-foreground': '#895503',
      '--vscode-textLink-foreground': '#0f4a85',
      '--vscode-textBlockQuote-background': '#ffffff',
      '--vscode-textCodeBlock-background': '#ffffff',
      '--vscode-menu-background': '#ffffff',
      '--vscode-menu-foreground': '#292929',
      '--vscode-menu-border': '#0f4a85',
      '--vscode-menu-selectionBorder': '#006bbd',
    },
  },
};

// ───────────── Sample snapshots

const DAY = 86_400_000;
// "Fetched X ago" is relative to the browser's clock, so fixtures are too.
const NOW = Date.now();

function noise(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10) + 'T00:00:00Z';
}

function addMonths(ms, n) {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
}

/** Bucket start dates: `count` buckets from `start`, stepping by viewBy. */
function buckets(startMs, count, viewBy) {
  return Array.from({ length: count }, (_, i) =>
    isoDay(viewBy === 'month' ? addMonths(startMs, i) : startMs + i * (viewBy === 'week' ? 7 : 1) * DAY),
  );
}

function series(dates, viewBy, { base, seed, trend = 0, zero = false }) {
  const rnd = noise(seed);
  return dates.map((date, i) => {
    if (zero) return { date, customers: 0 };
    const weekday = new Date(date).getUTCDay();
    const weekend = viewBy === 'day' && (weekday === 0 || weekday === 6) ? 0.35 : 1;
    const value = base * weekend * (1 + trend * (i / Math.max(1, dates.length - 1))) * (0.75 + rnd() * 0.5);
    return { date, customers: Math.max(0, Math.round(value)) };
  });
}

function change(current, previous) {
  if (current === null || previous === null) return null;
  const absolute = current - previous;
  if (previous === 0) return { absolute, percent: null, isNew: current > 0 };
  return { absolute, percent: Math.round((absolute / previous) * 1000) / 10, isNew: false };
}

/** A stand-in for core/comparison's compareReport (by position). */
function compare(current, previous) {
  const n = Math.max(current.length, previous?.length ?? 0);
  const rows = Array.from({ length: n }, (_, index) => {
    const c = current[index];
    const p = previous?.[index];
    return {
      index,
      currentDate: c?.date ?? null,
      current: c?.customers ?? null,
      previousDate: p?.date ?? null,
      previous: p?.customers ?? null,
      change: previous ? change(c?.customers ?? null, p?.customers ?? null) : null,
    };
  });
  const currentTotal = current.reduce((s, p) => s + p.customers, 0);
  const previousTotal = previous ? previous.reduce((s, p) => s + p.customers, 0) : null;
  return {
    rows,
    hasPrevious: Boolean(previous),
    currentTotal,
    previousTotal,
    change: previous ? change(currentTotal, previousTotal) : null,
  };
}

/** A 64×64 PNG avatar (a soft gradient with a head-and-shoulders silhouette), built without libraries. */
function avatarPng() {
  const size = 64;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const head = (x - 32) ** 2 + (y - 26) ** 2 < 11 ** 2;
      const body = (x - 32) ** 2 + (y - 64) ** 2 < 24 ** 2;
      const o = y * (size * 3 + 1) + 1 + x * 3;
      const [r, g, b] = head || body ? [250, 236, 220] : [40 + x * 1.5, 120 + y, 190];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
const AVATAR_PNG = avatarPng();

function base(overrides) {
  return {
    queryId: 'q-anna-30',
    title: 'Anna · last 31 days vs the 31 before · by day',
    status: 'ready',
    stale: false,
    sampleData: true,
    user: { name: 'Anna Kowalski', email: 'anna@example.com' },
    metric: { id: 'customersHelped', label: 'Customers helped', unit: { one: 'customer', other: 'customers' }, verb: 'helped', counting: 'Unique customers, counted once per bucket.' },
    metrics: [
      { id: 'customersHelped', label: 'Customers helped' },
      { id: 'replies', label: 'Replies sent' },
      { id: 'resolutions', label: 'Conversations resolved' },
    ],
    currentLabel: '1–31 Oct 2026',
    previousLabel: '31 Aug – 30 Sep 2026',
    viewBy: 'day',
    allowedViewBy: ['day', 'week', 'month'],
    filters: ['Inboxes: Billing', 'Types: email, chat'],
    types: ['email', 'chat'],
    fetchedAt: new Date(NOW - 4 * 60_000).toISOString(),
    locale: 'en-GB',
    timeZone: 'UTC',
    ...overrides,
  };
}

function daily(count = 31, { start = Date.parse('2026-10-01'), prevStart = Date.parse('2026-08-31') } = {}) {
  const current = series(buckets(start, count, 'day'), 'day', { base: 42, seed: 7, trend: 0.25 });
  const previous = series(buckets(prevStart, count, 'day'), 'day', { base: 40, seed: 3 });
  return compare(current, previous);
}

function weekly(count = 13) {
  const start = Date.parse('2026-08-03');
  const current = series(buckets(start, count, 'week'), 'week', { base: 210, seed: 11, trend: 0.1 });
  const previous = series(buckets(start - count * 7 * DAY, count, 'week'), 'week', { base: 230, seed: 5 });
  return compare(current, previous);
}

function monthly(count = 12) {
  const start = Date.UTC(2025, 10, 1);
  const current = series(buckets(start, count, 'month'), 'month', { base: 900, seed: 19, trend: -0.2 });
  const previous = series(buckets(addMonths(start, -count), count, 'month'), 'month', { base: 1000, seed: 23 });
  return compare(current, previous);
}

/**
 * A team snapshot: `names.length` people over `count` daily buckets; `failed` names the
 * positions whose report did not load. The comparison is the Team total, as the host sends it.
 */
function team(names, { count = 31, failed = [], omitted = 0 } = {}) {
  const start = Date.parse('2026-10-01');
  const prevStart = start - count * DAY;
  const people = names.map((name, i) => {
    const id = 101 + i;
    if (failed.includes(i)) {
      return { id, name, currentTotal: null, previousTotal: null, change: null, share: null, busiest: null, error: { message: 'Help Scout could not find this user (they may have left the company).', status: 404, logRef: `hs-${id}-a1b2` } };
    }
    const current = series(buckets(start, count, 'day'), 'day', { base: 6 + i * 3, seed: 31 + i, trend: (i % 3) * 0.2 - 0.2 });
    const previous = series(buckets(prevStart, count, 'day'), 'day', { base: 7 + i * 2, seed: 71 + i });
    return { id, name, current, previous };
  });
  const loaded = people.filter((p) => p.current);
  const sum = (key) => loaded[0][key].map((pt, b) => ({ date: pt.date, customers: loaded.reduce((t, p) => t + p[key][b].customers, 0) }));
  const comparison = compare(sum('current'), sum('previous'));
  const teamCurrent = comparison.currentTotal;
  return {
    comparison,
    team: {
      omitted,
      people: people.map((p) => {
        if (!p.current) return p;
        const c = compare(p.current, p.previous);
        let busiest = null;
        for (const pt of p.current) if (pt.customers > (busiest?.value ?? 0)) busiest = { date: pt.date, value: pt.customers };
        return {
          id: p.id,
          name: p.name,
          current: p.current.map((pt) => pt.customers),
          previous: p.previous.map((pt) => pt.customers),
          currentTotal: c.currentTotal,
          previousTotal: c.previousTotal,
          change: c.change,
          share: teamCurrent > 0 ? c.currentTotal / teamCurrent : null,
          busiest,
        };
      }),
    },
  };
}

const TEAM5 = ['Anna Kowalski', 'Björn Svensson', 'Chidi Okafor', 'Dana Levi', 'Emeka Obi'];
const TEAM12 = [...TEAM5, 'Farah Haddad', 'Gao Yan', 'Hiroshi Tanaka', 'Ines Moreau', 'Jonas Weber', 'Kaia Lindqvist', 'Luis Ortega'];
const teamBase = (extra) => base({ title: 'Billing team · last 31 days', user: { name: 'Billing team' }, ...extra });

const HOSTILE = '<img src=x onerror="document.body.dataset.pwned=1"><b>bold</b> &amp; ';
const RTL = 'مرحبا بالعالم \u202Eevil\u202C שלום';
const ZW = 'Zero\u200Bwidth\u200D\uFEFFjoiner';

const SCENARIOS = {
  daily: base({ comparison: daily() }),
  weekly: base({
    title: 'Team Billing · last 13 weeks',
    user: { name: 'Jürgen Müller-Lüdenscheidt', photoUrl: AVATAR_PNG },
    currentLabel: '3. Aug. – 1. Nov. 2026',
    previousLabel: '4. Mai – 2. Aug. 2026',
    viewBy: 'week',
    allowedViewBy: ['week', 'month'],
    filters: ['Postfächer: Rechnungen'],
    sampleData: false,
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    comparison: weekly(),
  }),
  monthly: base({
    title: 'Sam · last 12 months vs the year before',
    user: { name: 'Sam Lee' },
    currentLabel: 'Nov 2025 – Oct 2026',
    previousLabel: 'Nov 2024 – Oct 2025',
    viewBy: 'month',
    allowedViewBy: ['month'],
    filters: [],
    sampleData: false,
    locale: 'en-US',
    comparison: monthly(),
  }),
  nocompare: base({ previousLabel: undefined, comparison: compare(series(buckets(Date.parse('2026-10-01'), 31, 'day'), 'day', { base: 30, seed: 2 }), undefined) }),
  empty: base({
    comparison: compare(
      series(buckets(Date.parse('2026-10-01'), 31, 'day'), 'day', { base: 0, seed: 1, zero: true }),
      series(buckets(Date.parse('2026-08-31'), 31, 'day'), 'day', { base: 4, seed: 1 }),
    ),
  }),
  error: base({
    status: 'error',
    fetchedAt: undefined,
    sampleData: false,
    error: {
      kind: 'forbidden',
      message: 'Help Scout answered 403 Forbidden: this account’s plan does not include Reports.',
      status: 403,
      apiMessage: 'The Reports API is not available on your current plan.',
      logRef: 'hs-7f3a9c2e-2026-11-03T09:30:12Z',
      actions: ['signIn', 'openLog'],
    },
  }),
  loading: base({ status: 'loading', fetchedAt: undefined }),
  stale: base({ status: 'loading', stale: true, fetchedAt: new Date(NOW - 3 * 3600_000).toISOString(), comparison: daily() }),
  'stale-failed': base({
    status: 'error',
    stale: true,
    fetchedAt: new Date(NOW - 26 * 3600_000).toISOString(),
    comparison: daily(),
    error: { kind: 'network', message: 'Could not reach api.helpscout.net (ECONNRESET).', actions: ['retry', 'openLog'] },
  }),
  team5: teamBase(team(TEAM5, { failed: [3] })),
  team12: teamBase({ ...team(TEAM12, { omitted: 3 }), metric: { id: 'replies', label: 'Replies sent', unit: { one: 'reply', other: 'replies' }, verb: 'sent', counting: 'Every reply counts.' } }),
  'team-loading': teamBase({ status: 'loading', fetchedAt: undefined, team: { people: [], omitted: 0, progress: { loaded: 7, total: 12 } } }),
  hostile: base({
    title: HOSTILE + 'T'.repeat(10_000),
    user: { name: `${HOSTILE}${RTL} ${ZW} ${'N'.repeat(10_000)}`, photoUrl: 'https://example.invalid/avatar.png' },
    currentLabel: `${RTL} ${'L'.repeat(300)}`,
    previousLabel: HOSTILE,
    filters: [HOSTILE, RTL, ZW, 'F'.repeat(10_000)],
    comparison: daily(),
  }),
  'hostile-error': base({
    status: 'error',
    user: { name: HOSTILE },
    error: {
      kind: 'badResponse',
      message: `${HOSTILE} ${'E'.repeat(10_000)}`,
      status: 200,
      apiMessage: `${RTL} ${ZW} ${'A'.repeat(2000)}`,
      logRef: 'R'.repeat(500),
      actions: ['retry', 'editQuery', 'openLog'],
    },
  }),
};

// Scenarios whose CSP violations are expected (and counted separately): an https avatar is blocked
// by img-src by design, and the webview falls back to initials.
const EXPECTED_VIOLATIONS = { hostile: ['img-src'] };

// ───────────── Build and serve

async function buildAll() {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'webview/main.ts' },
    // Its own copy, so a concurrent `npm run build` cannot hand the page a half-written file.
    outdir: path.join(outDir, 'dist', 'webview'),
    bundle: true,
    minify: true,
    legalComments: 'none',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'css' },
    logLevel: 'warning',
  });
  const htmlModule = path.join(outDir, 'webviewHtml.mjs');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/extension/webviewHtml.ts'],
    outfile: htmlModule,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(pathToFileURL(htmlModule).href + `?t=${Date.now()}`);
}

function serve() {
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.png': 'image/png' };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    const file = path.join(outDir, path.normalize(url.pathname));
    if (!file.startsWith(outDir)) return res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The nonce'd bootstrap: stub acquireVsCodeApi, theme variables via CSSOM, CSP violation log. */
function bootstrap(theme, reduceMotion) {
  const t = THEMES[theme];
  const vars = { ...FONT, ...t.vars };
  return `
window.__posted = []; window.__csp = []; window.__state = undefined;
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});
const vars = ${JSON.stringify(vars)};
for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
document.body.className = ${JSON.stringify(t.bodyClass + (reduceMotion ? ' vscode-reduce-motion' : ''))};
`;
}

async function writePage(html, theme, reduceMotion, nonce) {
  const inject = `<script nonce="${nonce}">${bootstrap(theme, reduceMotion)}</script>\n    `;
  const page = html.replace('<script type="module"', `${inject}<script type="module"`);
  const name = `page-${theme}${reduceMotion ? '-rm' : ''}.html`;
  await fs.writeFile(path.join(outDir, name), page);
  return name;
}

// ───────────── Run

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  await fs.mkdir(outDir, { recursive: true });
  const { renderWebviewHtml } = await buildAll();
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const nonce = 'cHJldmlld05vbmNlMTIzNDU2Nzg5MA==';
  const html = renderWebviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview/main.js`,
    styleUri: `${origin}/dist/webview/main.css`,
    title: 'Help Scout report preview',
  });

  const themes = typeof args.themes === 'string' ? args.themes.split(',') : ['light', 'dark', 'hc', 'hc-light'];
  const only = typeof args.only === 'string' ? args.only.split(',') : Object.keys(SCENARIOS);
  const sizes = [
    { name: 'wide', width: 1200, height: 900 },
    { name: 'narrow', width: 480, height: 900 },
    { name: '340', width: 340, height: 900 },
  ];

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const shots = [];
  try {
    for (const theme of themes) {
      const pageName = await writePage(html, theme, true, nonce);
      for (const size of sizes) {
        if (args['no-shots']) break;
        for (const scenario of only) {
          const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
          page.on('pageerror', (error) => problems.push(`${theme}/${scenario}: page error ${error.message}`));
          page.on('console', (msg) => {
            if (msg.type() === 'error' && !/net::ERR_NAME_NOT_RESOLVED|example\.invalid/.test(msg.text())) {
              problems.push(`${theme}/${scenario}: console error ${msg.text()}`);
            }
          });
          await page.goto(`${origin}/${pageName}`);
          await page.waitForFunction(() => window.__posted?.some((m) => m.type === 'ready'));
          await post(page, SCENARIOS[scenario]);
          await page.waitForTimeout(scenario.startsWith('hostile') ? 400 : 120);
          const file = `${scenario}-${theme}-${size.name}.png`;
          await page.screenshot({ path: path.join(outDir, file), fullPage: true });
          shots.push(file);
          const csp = await page.evaluate(() => window.__csp);
          const expected = EXPECTED_VIOLATIONS[scenario] ?? [];
          for (const v of csp) {
            if (!expected.includes(v.directive)) problems.push(`${theme}/${scenario}: CSP violation ${JSON.stringify(v)}`);
          }
          if (await page.evaluate(() => document.body.dataset.pwned)) problems.push(`${theme}/${scenario}: injected HTML ran`);
          if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) {
            problems.push(`${theme}/${scenario}/${size.name}: horizontal overflow (${await page.evaluate(() => document.documentElement.scrollWidth)} px)`);
          }
          await page.close();
        }
      }
    }

    // Interactions: sort persisted, export menu by keyboard, PNG opaque, view-by / chart toggle messages.
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${origin}/${await writePage(html, 'dark', true, nonce)}`);
    await page.waitForFunction(() => window.__posted?.some((m) => m.type === 'ready'));
    await post(page, SCENARIOS.daily);
    await page.click('th:nth-child(2) button');
    const sortState = await page.evaluate(() => window.__state);
    const ariaSort = await page.getAttribute('th:nth-child(2)', 'aria-sort');
    if (ariaSort !== 'descending' || sortState?.sort?.column !== 'current') problems.push(`sorting: aria-sort=${ariaSort} state=${JSON.stringify(sortState)}`);
    await page.click('.segmented[aria-label="Chart type"] vscode-button:last-child');
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(outDir, 'daily-dark-wide-bar-sorted.png'), fullPage: true });
    shots.push('daily-dark-wide-bar-sorted.png');
    // The single report's legend: Enter switches the previous period off (persisted), Space back on.
    const legendSeen = () => page.evaluate(() => ({
      entries: [...document.querySelectorAll('[data-testid="chart-legend"] button')].map((b) => ({ name: b.textContent, pressed: b.getAttribute('aria-pressed') })),
      hidden: window.__state?.hiddenSeries,
    }));
    const legendBefore = await legendSeen();
    if (legendBefore.entries.length !== 2 || !legendBefore.entries[0].name.startsWith('This period') || !legendBefore.entries[1].name.startsWith('Previous') || legendBefore.entries.some((e) => e.pressed !== 'true')) {
      problems.push(`legend: ${JSON.stringify(legendBefore)}`);
    }
    await page.focus('[data-testid="legend-previous"]');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    const legendOff = await legendSeen();
    if (legendOff.entries[1]?.pressed !== 'false' || JSON.stringify(legendOff.hidden) !== '["previous"]') problems.push(`legend after Enter: ${JSON.stringify(legendOff)}`);
    if (!(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'legend-previous'))) problems.push('legend: focus left the toggle');
    await page.screenshot({ path: path.join(outDir, 'daily-dark-wide-bar-previous-off.png'), fullPage: true });
    shots.push('daily-dark-wide-bar-previous-off.png');
    await page.keyboard.press('Space');
    await page.waitForTimeout(100);
    const legendOn = await legendSeen();
    if (legendOn.entries[1]?.pressed !== 'true' || JSON.stringify(legendOn.hidden) !== '[]') problems.push(`legend after Space: ${JSON.stringify(legendOn)}`);
    await page.focus('#export-button');
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: path.join(outDir, 'daily-dark-export-menu.png') });
    shots.push('daily-dark-export-menu.png');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.click('text=Save PNG');
    await page.click('vscode-button:has-text("Week")');
    const posted = await page.evaluate(() => window.__posted.map((m) => (m.type === 'savePng' ? { type: m.type, bytes: m.dataUrl.length } : m)));
    const png = await page.evaluate(() => window.__posted.find((m) => m.type === 'savePng')?.dataUrl);
    if (png) {
      await fs.writeFile(path.join(outDir, 'saved-chart.png'), Buffer.from(png.split(',')[1], 'base64'));
      shots.push('saved-chart.png');
      const opaque = await page.evaluate(async (url) => {
        const img = new Image();
        img.src = url;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < data.length; i += 4 * 97) if (data[i] !== 255) return false;
        return true;
      }, png);
      if (!opaque) problems.push('savePng: the PNG has transparent pixels');
    } else problems.push('savePng: nothing posted');
    console.log('posted by interactions:', JSON.stringify(posted));
    if (!posted.some((m) => m.type === 'export' && m.format === 'json')) problems.push('export menu: ArrowDown+Enter did not export json');
    if (!posted.some((m) => m.type === 'setViewBy' && m.viewBy === 'week')) problems.push('view by: no setViewBy week');
    const csp = await page.evaluate(() => window.__csp);
    if (csp.length) problems.push(`interactions: CSP violations ${JSON.stringify(csp)}`);

    // The team view: legend toggles, ranking rows, the table switch, what exports and rows post.
    await page.keyboard.press('Escape');
    await post(page, SCENARIOS.team5);
    await page.waitForTimeout(150);
    const teamView = await page.evaluate(() => ({
      legend: [...document.querySelectorAll('[data-testid="team-legend"] button')].map((b) => ({ name: b.textContent, pressed: b.getAttribute('aria-pressed') })),
      ranking: [...document.querySelectorAll('table[aria-label="Team ranking"] tbody tr')].map((tr) => ({ name: tr.querySelector('th')?.textContent, failed: tr.classList.contains('failed') })),
      cards: [...document.querySelectorAll('.figure .figure-label')].map((n) => n.textContent),
    }));
    const lines = SCENARIOS.team5.team.people.filter((p) => !p.error).length;
    if (teamView.legend.length !== lines + 1 || teamView.legend.at(-1)?.name !== 'Team total' || teamView.legend.at(-1)?.pressed !== 'false') problems.push(`team legend: ${JSON.stringify(teamView.legend)}`);
    if (teamView.ranking.length !== 5 || !teamView.ranking.at(-1)?.failed || teamView.ranking.slice(0, -1).some((r) => r.failed)) problems.push(`team ranking: ${JSON.stringify(teamView.ranking)}`);
    if (teamView.cards[0] !== 'Team total' || !teamView.cards.includes('Team')) problems.push(`team cards: ${JSON.stringify(teamView.cards)}`);
    await page.click('[data-testid="team-legend"] button:first-child');
    await page.click('[data-testid="team-total-toggle"]');
    const teamState = await page.evaluate(() => window.__state?.team);
    if (JSON.stringify(teamState?.hidden) !== '[101]' || teamState?.showTotal !== true) problems.push(`team legend state: ${JSON.stringify(teamState)}`);
    await page.screenshot({ path: path.join(outDir, 'team5-dark-toggled.png'), fullPage: true });
    shots.push('team5-dark-toggled.png');
    await page.evaluate(() => (window.__posted.length = 0));
    await page.click('table[aria-label="Team ranking"] tbody tr:first-child button');
    await page.click('text=Copy table');
    await page.click('[data-testid="team-table-people"]');
    await page.click('text=Copy as Markdown');
    const peopleColumns = await page.evaluate(() => document.querySelectorAll('table[data-testid="team-people"] thead th').length);
    if (peopleColumns !== lines + 2) problems.push(`team people table: ${peopleColumns} columns`);
    // A click on the chart's busiest point of the top person drills into theirs.
    const box = await page.locator('.chart-card .chart-box canvas').boundingBox();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.click('text=Save PNG');
    const teamPosted = await page.evaluate(() => window.__posted);
    const teamPng = teamPosted.find((m) => m.type === 'savePng')?.dataUrl;
    if (teamPng) {
      await fs.writeFile(path.join(outDir, 'saved-team-chart.png'), Buffer.from(teamPng.split(',')[1], 'base64'));
      shots.push('saved-team-chart.png');
    } else problems.push('team savePng: nothing posted');
    const top = [...SCENARIOS.team5.team.people].filter((p) => !p.error).sort((a, b) => b.currentTotal - a.currentTotal)[0];
    if (!teamPosted.some((m) => m.type === 'team/openPerson' && m.userId === top.id)) problems.push(`team row: no team/openPerson ${top.id} in ${JSON.stringify(teamPosted)}`);
    if (!teamPosted.some((m) => m.type === 'copyTable' && m.teamTable === 'ranking')) problems.push('team copy: no copyTable with teamTable ranking');
    if (!teamPosted.some((m) => m.type === 'copyMarkdown' && m.teamTable === 'people')) problems.push('team copy: no copyMarkdown with teamTable people');
    const drill = teamPosted.find((m) => m.type === 'drilldown/open');
    if (!drill || !(drill.userId > 100)) problems.push(`team drill: ${JSON.stringify(drill)}`);
    // A reload posts a snapshot per person loaded: the keyboard stays on the ranking row it was on.
    await page.click('[data-testid="team-table-ranking"]');
    const focusId = top.id;
    await page.focus(`table[data-testid="team-ranking"] tr[data-user-id="${focusId}"] button.person-link`);
    await post(page, { ...SCENARIOS.team5, stale: true, team: { ...SCENARIOS.team5.team, progress: { loaded: 2, total: 5 } } });
    const stillFocused = await page.evaluate(() => document.activeElement?.closest('tr[data-user-id]')?.getAttribute('data-user-id') ?? null);
    if (stillFocused !== String(focusId)) problems.push(`team reload: focus moved from the ranking row of ${focusId} to ${stillFocused}`);
    console.log('team view posted:', JSON.stringify(teamPosted.map((m) => (m.type === 'savePng' ? { type: m.type, bytes: m.dataUrl.length } : m))));

    // Live theme switch (dark → light), as VS Code does it: variables on <html>, class on <body>.
    await page.keyboard.press('Escape');
    await page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = 'vscode-light vscode-reduce-motion';
    }, THEMES.light.vars);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(outDir, 'theme-switched-to-light.png') });
    shots.push('theme-switched-to-light.png');

    // Invalid messages are ignored without an error.
    await page.evaluate(() => {
      window.postMessage({ type: 'snapshot', snapshot: { nope: true } }, '*');
      window.postMessage('garbage', '*');
      window.postMessage(null, '*');
    });
    await page.close();

    // Render timing: snapshot message → chart drawn (next animation frame), reduced motion on.
    const timingPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await timingPage.goto(`${origin}/${await writePage(html, 'dark', true, nonce)}`);
    await timingPage.waitForFunction(() => window.__posted?.some((m) => m.type === 'ready'));
    const cases = {
      '60 daily': base({ comparison: daily(60, { prevStart: Date.parse('2026-08-01') - 60 * DAY }) }),
      '52 weekly': base({ viewBy: 'week', comparison: weekly(52) }),
      '120 monthly': base({ viewBy: 'month', comparison: monthly(120) }),
    };
    const timings = {};
    for (const [name, snapshot] of Object.entries(cases)) {
      const runs = [];
      for (let i = 0; i < 15; i++) {
        // Alternate with a small snapshot so every run changes the chart (a real update).
        await post(timingPage, SCENARIOS.weekly);
        runs.push(await post(timingPage, snapshot));
      }
      timings[name] = { median: median(runs.map((r) => r.total)), sync: median(runs.map((r) => r.sync)), max: Math.max(...runs.map((r) => r.total)) };
    }
    await timingPage.close();
    console.log('\nrender time, snapshot message → chart drawn (median of 15, ms):');
    for (const [name, t] of Object.entries(timings)) {
      console.log(`  ${name.padEnd(12)} ${t.median.toFixed(1).padStart(6)} ms to painted frame, ${t.sync.toFixed(1).padStart(6)} ms in the handler, max ${t.max.toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    server.close();
  }

  console.log(`\n${shots.length} screenshots in ${path.relative(root, outDir)}/`);
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('no CSP violations, no page errors, no horizontal overflow');
  }
}

/** Posts a snapshot and resolves after the chart's frame is painted; returns timings in ms. */
async function post(page, snapshot) {
  return page.evaluate(
    (snap) =>
      new Promise((resolve) => {
        const start = performance.now();
        let sync = 0;
        const timeout = setTimeout(() => resolve({ total: NaN, sync: NaN }), 5000);
        document.addEventListener(
          'helpscout-rendered',
          (event) => {
            sync = event.detail.renderedMs;
            requestAnimationFrame(() => {
              clearTimeout(timeout);
              resolve({ total: performance.now() - start, sync });
            });
          },
          { once: true },
        );
        window.postMessage({ type: 'snapshot', snapshot: snap }, '*');
      }),
    snapshot,
  );
}

await main();
