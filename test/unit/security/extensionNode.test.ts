// The extension itself (src/extension, wired by startExtension) in plain node with a stub
// `vscode` module, against the hostile Help Scout: what reaches notifications, the log,
// globalState and SecretStorage. The same cases run inside a real VS Code in test/host/hostile.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMAND_NAME, HOSTILE_TEXT, IMAGE_LINK, startHostileServer, type HostileServer, type RunningServer } from '../../support/hostileHelpScout';
import { activateInNode as start, clearStub, deactivateAll, defaultUserInterface, stub } from '../../support/nodeExtension';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-node-ext-'));

/** What a user or another extension could see outside SecretStorage. */
function visibleOutside(): string {
  return JSON.stringify({ messages: stub.messages, log: stub.logLines, globalState: [...stub.globalState.entries()], settings: [...stub.settings.entries()] });
}

function assertNoLinks(): void {
  for (const shown of stub.messages) {
    assert.ok(!shown.message.includes(']('), `a link in the notification: ${shown.message}`);
    assert.ok(!shown.message.includes('$('), `an icon in the notification: ${shown.message}`);
  }
}

describe('security: the extension in plain node (stub vscode) against a hostile Help Scout', function () {
  this.timeout(30_000);
  let servers: Array<{ close(): Promise<void> }> = [];

  beforeEach(clearStub);
  afterEach(async () => {
    deactivateAll();
    for (const server of servers) await server.close();
    servers = [];
  });

  async function hostile(which: Parameters<typeof startHostileServer>[0], target?: RunningServer): Promise<HostileServer> {
    const server = await startHostileServer(which, { target: target?.baseUrl });
    servers.push(server);
    stub.settings.set('helpscout.apiBaseUrl', server.baseUrl);
    return server;
  }

  it('names, messages and field errors with [x](command:…): every notification shows them as text, no link, no icon', async () => {
    const server = await hostile('linkInjection');
    const file = path.join(dir, 'import.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'helpscout-reports/saved-queries',
      version: 1,
      queries: [{ name: COMMAND_NAME, query: { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } }, { name: IMAGE_LINK, query: { userId: -1 } }],
    }));
    const Uri = stub.module.Uri as { file(p: string): never };
    const ext = start({ dialogs: { ...defaultUserInterface().dialogs, openFile: async () => Uri.file(file) } });
    assert.equal(await ext.commands.signIn({ appId: server.appId, appSecret: server.appSecret }), true);
    await stub.commands.get('helpscout.importQueries')!();
    await stub.commands.get('helpscout.refreshAll')!();
    const texts = stub.messages.map((m) => m.message);
    assert.ok(texts.some((t) => t.includes('signed in as')), JSON.stringify(texts));
    assert.ok(texts.some((t) => t.includes('skipped 1')), JSON.stringify(texts));
    const failure = stub.messages.find((m) => m.severity === 'error');
    assert.ok(failure, JSON.stringify(texts));
    assert.match(failure.message, /could not be refreshed/);
    assert.ok(failure.message.includes('[Retry] (command:'), failure.message);
    assertNoLinks();
    assert.ok(!visibleOutside().includes(server.appSecret) && !visibleOutside().includes(server.token));
    assert.ok(HOSTILE_TEXT.includes(']('), 'the payload really carries link syntax');
  });

  it('commands take no credentials and no file from their arguments', async () => {
    const sandbox: Sandbox = await startSandbox({ port: 0 });
    servers.push(sandbox);
    stub.settings.set('helpscout.apiBaseUrl', sandbox.baseUrl);
    const scripted: string[] = [];
    // The prompt decides: a cancelled prompt means no sign-in, whatever the arguments said.
    const ext = start({ flow: { ...defaultUserInterface().flow, input: async (step) => void scripted.push(step.title) } });
    assert.equal(await stub.commands.get('helpscout.signIn')!({ appId: sandbox.appId, appSecret: sandbox.appSecret }), false);
    assert.equal(await stub.commands.get('helpscout.signInWithToken')!({ token: 'pasted-by-another-extension' }), false);
    assert.deepEqual(scripted, ['Sign in to Help Scout', 'Sign in to Help Scout'], 'both asked the user instead');
    assert.equal(ext.session.mode, 'signedOut');
    assert.equal(sandbox.stats.tokenRequests, 0);
  });

  it('sign-out deletes that account\'s cached reports, keeps the saved queries and says so; another account never sees the cache', async () => {
    const sandbox: Sandbox = await startSandbox({ port: 0 });
    servers.push(sandbox);
    stub.settings.set('helpscout.apiBaseUrl', sandbox.baseUrl);
    const ext = start();
    assert.equal(await ext.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret }), true);
    const saved = await ext.commands.newReport({ name: 'Cached', query: { metric: 'customersHelped', subject: { kind: 'user', userId: ext.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'previousPeriod' } } });
    assert.ok(saved);
    await stub.commands.get('helpscout.refreshAll')!();
    const cacheOf = () => JSON.stringify(stub.globalState.get('helpscout.reportCache') ?? {});
    assert.ok(cacheOf().includes('"value"'), 'the report was cached');

    // Another account signs in over it (no sign-out in between): it must not see the first one's data.
    const other = await hostile('linkInjection');
    assert.equal(await ext.commands.signIn({ appId: other.appId, appSecret: other.appSecret }), true);
    assert.notEqual(ext.session.accountInfo!.id, sandbox.dataset.users[0]!.id);
    assert.equal(ext.reports.cached(saved), undefined, 'a different account sees no cached report');

    stub.messages.length = 0;
    await stub.commands.get('helpscout.signOut')!();
    assert.ok(!cacheOf().includes('"value"'), `the cache after sign-out: ${cacheOf().slice(0, 300)}`);
    assert.ok(JSON.stringify(stub.globalState.get('helpscout.savedQueries')).includes('Cached'), 'the saved query stays');
    const message = stub.messages.find((m) => /signed out/.test(m.message));
    assert.ok(message, JSON.stringify(stub.messages));
    assert.match(message.message, /cached reports/);
    assert.match(message.message, /saved report queries are kept/);
  });

  it('the redacting log knows the App Secret and the token whenever they are in memory: after a reload and after a renewal', async () => {
    const sandbox: Sandbox = await startSandbox({ port: 0, appSecret: 'reloaded-app-secret-1234' });
    servers.push(sandbox);
    stub.settings.set('helpscout.apiBaseUrl', sandbox.baseUrl);
    const first = start();
    assert.equal(await first.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret }), true);
    const storedToken = (): string => (JSON.parse(stub.secrets.get('helpscout.token')!) as { accessToken: string }).accessToken;
    const signInToken = storedToken();
    deactivateAll();

    // A window reload: a new activation over the same SecretStorage, with the token expired.
    stub.secrets.set('helpscout.token', JSON.stringify({ accessToken: signInToken, expiresAt: Date.now() - 1000, source: 'clientCredentials' }));
    const reloaded = start();
    const saved = await reloaded.commands.newReport({ name: 'After reload', query: { metric: 'customersHelped', subject: { kind: 'user', userId: sandbox.dataset.users[0]!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } });
    assert.ok(saved);
    await stub.commands.get('helpscout.refreshAll')!();
    const renewed = storedToken();
    assert.notEqual(renewed, signInToken, 'the token was renewed');
    const line = reloaded.log.redact(`secret=${sandbox.appSecret} token=${renewed} old=${signInToken}`);
    assert.equal(line, 'secret=«redacted» token=«redacted» old=«redacted»');
  });
});
