// The hostile-Help-Scout matrix, written once and run twice: in plain node against src/extension
// with a stub vscode (test/unit/security/hostileMatrix.test.ts) and inside a real VS Code
// extension host against the installed extension (test/host/hostile.test.ts). Each case asserts
// the three things: nothing secret reached another origin, a log, a notification, globalState or
// the webview; time and memory stayed bounded (printed); the user got an error naming the cause.
import * as assert from 'node:assert/strict';
import { loadFailure } from '../../src/extension/flow';
import type { FlowUI, PickItems, StepInfo } from '../../src/extension/flowUi';
import { COMMAND_NAME, RETRY_AFTER_SECONDS, startHostileServer, startHugeBodyProcess, startRecorder, type HostileCase, type HostileServer, type RunningServer } from './hostileHelpScout';

/** What a case needs from "the extension", in whichever host it runs. */
export interface ExtensionDriver {
  /** Sets helpscout.apiBaseUrl (and a 5 s request timeout). */
  pointAt(baseUrl: string): Promise<void>;
  signIn(appId: string, appSecret: string): Promise<boolean>;
  /** Saves a query named `name` for the signed-in user and loads it, as a click on it would. */
  loadReport(name: string): Promise<void>;
  /** The New Report flow's first step: the user names it shows, or the error it shows instead. */
  userChoices(): Promise<string>;
  /** The photo the panel header would show (a data: URL), or undefined for initials. */
  avatar(): Promise<string | undefined>;
  /** Every notification shown so far: severity and text. */
  notifications(): Array<{ severity: string; message: string }>;
  /** Everything outside SecretStorage: log, globalState, settings, webview HTML and snapshots. */
  visibleText(): Promise<string>;
  /** Signs out, clears state; called after every case. */
  reset(): Promise<void>;
}

/**
 * A FlowUI pickOne for the New Report flow's first step: records what it would list, or the error
 * the QuickPick would show instead (as its placeholder), then answers Escape.
 */
export function firstStepRecorder(): { pickOne: FlowUI['pickOne']; shown(): string } {
  let shown = '';
  return {
    async pickOne<T>(_step: StepInfo, items: PickItems<T>) {
      // A list loaded on demand is loaded as the QuickPick would; a failure shows as its placeholder.
      shown = await Promise.resolve()
        .then(() => (typeof items === 'function' ? items() : items))
        .then(
          (list) => list.map((item) => item.label).join('\n'),
          (error: unknown) => loadFailure(error),
        );
      return undefined;
    },
    shown: () => shown,
  };
}

interface Measured {
  ms: number;
  rssMb: number;
}

async function measured(work: () => Promise<void>): Promise<Measured> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { ms: Date.now() - started, rssMb: (Math.max(peak, process.memoryUsage().rss) - before) / (1024 * 1024) };
}

interface Case {
  which: HostileCase;
  title: string;
  /** Time and resident-memory bounds. */
  maxMs: number;
  maxRssMb: number;
  /** In a child process, so the memory figure is the client's alone. */
  ownProcess?: boolean;
  run(driver: ExtensionDriver, server: HostileServer, recorder: RunningServer): Promise<void>;
}

const errorsShown = (driver: ExtensionDriver) => driver.notifications().filter((n) => n.severity === 'error').map((n) => n.message);

function assertErrorShown(driver: ExtensionDriver, pattern: RegExp): void {
  const errors = errorsShown(driver);
  assert.ok(errors.some((e) => pattern.test(e)), `an error matching ${pattern} was shown; shown: ${JSON.stringify(driver.notifications())}`);
}

const CASES: Case[] = [
  {
    which: 'redirect',
    title: '3xx to another origin on every endpoint: sign-in fails naming the redirect; the other origin receives nothing',
    maxMs: 10_000,
    maxRssMb: 64,
    async run(driver, server, recorder) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), false);
      assertErrorShown(driver, new RegExp(`redirect \\(307\\) to ${recorder.baseUrl.replace(/[.:/]/g, '\\$&')}/v2/oauth2/token`));
    },
  },
  {
    which: 'hugeBody',
    title: 'a 300 MB chunked body: refused as too large while streaming',
    maxMs: 15_000,
    maxRssMb: 32,
    ownProcess: true,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), false);
      assertErrorShown(driver, /unexpected response to GET \/v2\/users\/me: the body is too large/);
    },
  },
  {
    which: 'trickle',
    title: 'a body that trickles one byte a second: each attempt times out, then a timeout error',
    maxMs: 45_000,
    maxRssMb: 64,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), false);
      assertErrorShown(driver, /did not answer within 5 s \(GET \/v2\/users\/me\)/);
    },
  },
  {
    which: 'endlessPages',
    title: 'an endless _links.next and page count: the user step stops at 100 pages and says so',
    maxMs: 20_000,
    maxRssMb: 64,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), true);
      assert.match(await driver.userChoices(), /more than 100 pages of users/);
    },
  },
  {
    which: 'retryAfterYear',
    title: 'Retry-After: 31536000: no year-long wait; a rate-limit error that says when',
    maxMs: 10_000,
    maxRssMb: 64,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), false);
      // 31,536,000 s is 365 days: said the way a person reads it, not as a count of seconds.
      assert.equal(RETRY_AFTER_SECONDS, 365 * 24 * 3600);
      assertErrorShown(driver, /rate limit was reached \(429\); try again in 365 days\./);
    },
  },
  {
    which: 'linkInjection',
    title: 'names, messages and field errors with [x](command:…) and <img onerror>: shown as text, never a link or HTML',
    maxMs: 15_000,
    maxRssMb: 64,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), true);
      await driver.loadReport(COMMAND_NAME);
      assertErrorShown(driver, /rejected the request \(400\)/);
      for (const { message } of driver.notifications()) {
        assert.ok(!message.includes(']('), `a link in: ${message}`);
        assert.ok(!message.includes('$('), `an icon in: ${message}`);
      }
      assert.ok(driver.notifications().some((n) => n.message.includes('[Retry] (command:')), 'the name is still shown, as text');
      assert.ok(!(await driver.visibleText()).includes('<img src=x onerror="alert(1)">'), 'no raw HTML reaches the log, state or the webview page');
    },
  },
  {
    which: 'internalPhoto',
    title: 'a photoUrl pointing at an address on this machine: never fetched, initials instead',
    maxMs: 10_000,
    maxRssMb: 64,
    async run(driver, server) {
      assert.equal(await driver.signIn(server.appId, server.appSecret), true);
      assert.equal(await driver.avatar(), undefined);
    },
  },
];

/** Defines one mocha test per case; `driver()` is called before each; figures go to `print`. */
export function hostileMatrix(driver: () => Promise<ExtensionDriver>, print: (line: string) => void = (line) => console.log(line)): void {
  for (const c of CASES) {
    it(`${c.which}: ${c.title}`, async function () {
      this.timeout(c.maxMs + 30_000);
      const recorder = await startRecorder();
      const server = c.ownProcess ? await startHugeBodyProcess() : await startHostileServer(c.which, { target: recorder.baseUrl });
      const d = await driver();
      try {
        await d.pointAt(server.baseUrl);
        const { ms, rssMb } = await measured(() => c.run(d, server, recorder));
        const shown = d.notifications().map((n) => n.message);
        print(`      ${c.which}: ${ms} ms, resident memory +${rssMb.toFixed(1)} MB, ${server.requests.length} request(s) to the API, ${recorder.requests.length} elsewhere; shown: ${JSON.stringify(shown.map((m) => m.slice(0, 160)))}`);
        assert.equal(recorder.requests.length, 0, `another origin received ${JSON.stringify(recorder.requests.map((r) => `${r.method} ${r.url}`))}`);
        const visible = `${await d.visibleText()} ${JSON.stringify(d.notifications())}`;
        assert.ok(!visible.includes(server.appSecret), 'the App Secret is visible outside SecretStorage');
        assert.ok(!visible.includes(server.token), 'the token is visible outside SecretStorage');
        assert.ok(ms <= c.maxMs, `${ms} ms > ${c.maxMs} ms`);
        assert.ok(rssMb < c.maxRssMb, `resident memory +${rssMb.toFixed(1)} MB ≥ ${c.maxRssMb} MB`);
      } finally {
        await d.reset();
        await server.close();
        await recorder.close();
      }
    });
  }
}
