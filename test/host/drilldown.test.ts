import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DrilldownToWebview } from '../../src/protocol/drilldown';
import { RecordingNotifier, extensionApi, recordPosts, resetExtension, scriptUi, waitFor } from './helpers';

type Page = Extract<DrilldownToWebview, { type: 'drilldown/page' }>;

describe('drill-down through a real panel (host side)', function () {
  this.timeout(90_000);
  let restore: () => void = () => undefined;

  // The sandbox buckets in fixed 24-hour steps from `start`; the extension uses local calendar days,
  // which are the same steps only in a zone without DST. UTC keeps the comparison exact anywhere.
  before(() => vscode.workspace.getConfiguration('helpscout').update('timeZone', 'UTC', vscode.ConfigurationTarget.Global));
  after(() => vscode.workspace.getConfiguration('helpscout').update('timeZone', undefined, vscode.ConfigurationTarget.Global));
  afterEach(async () => {
    restore();
    await resetExtension(await extensionApi());
  });

  it("lists every conversation of the busiest week, page by page, whose customers are the week's count; opens one at Help Scout", async () => {
    const api = await extensionApi();
    const opened: string[] = [];
    restore = scriptUi(api, { notify: new RecordingNotifier(), openExternal: async (uri) => (opened.push(uri.toString(true)), true) });
    await vscode.commands.executeCommand('helpscout.trySampleData');
    // A colleague's weeks (a sample query): a busy week has several pages of conversations.
    const saved = api.stores.forMode('sample')!.list().find((q) => q.query.viewBy === 'week')!;
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    const posted = recordPosts(panel);
    await panel.handleMessage({ type: 'ready' });

    const rows = panel.snapshot!.comparison!.rows;
    const busiest = rows.reduce((best, row) => ((row.current ?? 0) > (best.current ?? 0) ? row : best));
    const pages: Page[] = [];
    for (let page = 1, requestId = 1; page === 1 || page <= pages.at(-1)!.pages; page++, requestId++) {
      await panel.handleMessage({ type: 'drilldown/open', requestId, series: 'current', index: busiest.index, page });
      pages.push(await waitFor(`page ${page}`, () => posted.find((m): m is Page => m.type === 'drilldown/page' && m.requestId === requestId)));
    }
    assert.ok(pages.length >= 2, `more than one page (${pages[0]!.count} conversations)`);
    const all = pages.flatMap((p) => p.rows);
    assert.equal(all.length, pages[0]!.count);
    assert.equal(new Set(all.map((r) => r.email)).size, busiest.current, 'distinct customers = the chart’s number for that week');
    assert.ok(all.every((r) => r.inbox && !/^Inbox \d+$/.test(r.inbox)), 'inboxes are named');

    const first = all[0]!;
    await panel.handleMessage({ type: 'drilldown/openConversation', id: first.id!, number: first.number! });
    assert.deepEqual(opened, [`https://secure.helpscout.net/conversation/${first.id}/${first.number}`]);
    const rejectedBefore = panel.rejectedMessages;
    await panel.handleMessage({ type: 'drilldown/openConversation', id: 1, number: 2 });
    assert.equal(opened.length, 1, 'a conversation the drill did not list is not opened');
    assert.equal(panel.rejectedMessages, rejectedBefore + 1);
  });
});
