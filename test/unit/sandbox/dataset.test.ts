import assert from 'node:assert/strict';
import { clearDatasetCache, getDataset, HISTORY_DAYS } from '../../../src/sandbox/dataset';
import type { Sandbox } from '../../../src/sandbox/server';
import { NOW, get, reportPath, start, token } from './helpers';

const DAY = 86_400;

describe('sandbox: deterministic sample data', () => {
  const d = getDataset(20_190_502, NOW.getTime());
  const all = d.users.flatMap((u) => d.conversationsOf(u.id).map((c) => ({ ...c, userId: u.id })));

  it('generates two years of data fast (well under 1.5 s)', () => {
    clearDatasetCache();
    const t0 = performance.now();
    const fresh = getDataset(20_190_502, NOW.getTime());
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `generation took ${ms.toFixed(0)} ms`);
    assert.equal(fresh.conversationCount, d.conversationCount);
  });

  it('is identical for the same seed and now, and keeps ids for another day', () => {
    clearDatasetCache();
    const again = getDataset(20_190_502, NOW.getTime());
    assert.notEqual(again, d, 'regenerated, not cached');
    assert.deepEqual(again.users, d.users);
    assert.deepEqual(again.tags, d.tags);
    assert.deepEqual(again.folders, d.folders);
    assert.deepEqual(again.conversationsOf(d.users[4]?.id ?? 0), d.conversationsOf(d.users[4]?.id ?? 0));
    const later = getDataset(20_190_502, NOW.getTime() + 10 * DAY * 1000);
    assert.deepEqual(later.users.map((u) => u.id), d.users.map((u) => u.id));
    assert.deepEqual(later.tags.map((t) => t.id), d.tags.map((t) => t.id));
    const other = getDataset(7, NOW.getTime());
    assert.notDeepEqual(other.users.map((u) => u.id), d.users.map((u) => u.id));
  });

  it('ends at now and spans three years', () => {
    const times = all.map((c) => c.epochSeconds);
    const newest = Math.max(...times);
    const oldest = Math.min(...times);
    assert.ok(newest <= NOW.getTime() / 1000);
    assert.ok(newest > NOW.getTime() / 1000 - DAY);
    assert.ok(oldest >= d.start && oldest < d.start + 2 * DAY);
    assert.equal(HISTORY_DAYS, 1097);
    assert.ok(d.conversationCount > 60_000 && d.conversationCount < 180_000, String(d.conversationCount));
  });

  it('has all three types, email the majority, every conversation in a known mailbox and folder', () => {
    const byType = { email: 0, chat: 0, phone: 0 };
    for (const c of all) byType[c.type]++;
    assert.ok(byType.email > all.length / 2);
    assert.ok(byType.chat > 0 && byType.phone > 0);
    const mailboxIds = new Set(d.mailboxes.map((m) => m.id));
    const folderById = new Map(d.folders.map((f) => [f.id, f]));
    const tagIds = new Set(d.tags.map((t) => t.id));
    for (const c of all.slice(0, 5000)) {
      assert.ok(mailboxIds.has(c.mailboxId));
      assert.equal(folderById.get(c.folderId)?.mailboxId, c.mailboxId);
      assert.ok(c.tagIds.length <= 3 && new Set(c.tagIds).size === c.tagIds.length);
      assert.ok(c.tagIds.every((t) => tagIds.has(t)));
      assert.match(c.customerEmail, /^[a-z0-9._]+@[a-z.]+$/);
    }
  });

  it('has repeat customers drawn from a pool of a few thousand', () => {
    const perCustomer = new Map<string, number>();
    for (const c of all) perCustomer.set(c.customerEmail, (perCustomer.get(c.customerEmail) ?? 0) + 1);
    assert.ok(perCustomer.size > 2000 && perCustomer.size <= 5000, String(perCustomer.size));
    assert.ok([...perCustomer.values()].filter((n) => n > 10).length > 500);
  });

  it('looks like support work: quiet weekends and holidays, busy afternoons, growth', () => {
    const perDay = new Map<number, number>();
    for (const c of all) {
      const day = Math.floor(c.epochSeconds / DAY);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const average = (pred: (date: Date) => boolean) => {
      const days = [...perDay].filter(([day]) => pred(new Date(day * DAY * 1000)));
      return days.reduce((s, [, n]) => s + n, 0) / days.length;
    };
    const weekday = average((x) => x.getUTCDay() >= 1 && x.getUTCDay() <= 5);
    const weekend = average((x) => x.getUTCDay() === 0 || x.getUTCDay() === 6);
    assert.ok(weekend < weekday * 0.4, `weekend ${weekend} vs weekday ${weekday}`);
    const christmas = average((x) => x.getUTCMonth() === 11 && x.getUTCDate() === 25);
    assert.ok(christmas < weekday * 0.25);
    const byHour = new Array<number>(24).fill(0);
    for (const c of all) {
      const h = new Date(c.epochSeconds * 1000).getUTCHours();
      byHour[h] = (byHour[h] ?? 0) + 1;
    }
    assert.ok((byHour[15] ?? 0) > 3 * (byHour[2] ?? 0));
    const firstQuarter = all.filter((c) => c.epochSeconds < d.start + 91 * DAY).length;
    const lastQuarter = all.filter((c) => c.epochSeconds >= d.start + (HISTORY_DAYS - 91) * DAY).length;
    assert.ok(lastQuarter > firstQuarter * 1.1, `${firstQuarter} → ${lastQuarter}`);
  });

  it('gives users different patterns: a part-timer, a new hire, a lighter-loaded owner', () => {
    const of = (first: string) => {
      const u = d.users.find((x) => x.firstName === first);
      assert.ok(u, first);
      return d.conversationsOf(u.id);
    };
    const partTimer = of('Hannah');
    assert.ok(partTimer.every((c) => [1, 2, 3].includes(new Date(c.epochSeconds * 1000).getUTCDay())));
    const newHire = of('Oliver');
    assert.ok(newHire.length > 500);
    assert.ok(Math.min(...newHire.map((c) => c.epochSeconds)) > d.start + 400 * DAY);
    const owner = of('Maya');
    const busiest = Math.max(...d.users.map((u) => d.conversationsOf(u.id).length));
    assert.ok(owner.length < busiest / 1.5);
    assert.ok(owner.length > 0);
  });

  describe('over HTTP', () => {
    let a: Sandbox;
    let b: Sandbox;
    before(async () => {
      [a, b] = await Promise.all([start({ seed: 42 }), start({ seed: 42 })]);
    });
    after(async () => {
      await a.close();
      await b.close();
    });

    it('two servers with the same now and seed answer identically', async () => {
      const [ta, tb] = await Promise.all([token(a), token(b)]);
      assert.notEqual(ta, tb);
      const user = a.dataset.users[5]?.id ?? 0;
      const paths = [
        '/v2/users',
        '/v2/users/me',
        '/v2/mailboxes',
        '/v2/tags',
        `/v2/mailboxes/${a.dataset.mailboxes[2]?.id}/folders`,
        reportPath({ user, start: '2024-03-15T00:00:00Z', end: '2026-03-15T00:00:00Z', viewBy: 'month' }),
        reportPath({ user, start: '2026-01-14T00:00:00Z', end: '2026-03-15T00:00:00Z', previousStart: '2025-11-15T00:00:00Z', previousEnd: '2026-01-14T00:00:00Z', viewBy: 'day', types: 'chat,phone' }),
      ];
      for (const path of paths) {
        const [ra, rb] = await Promise.all([get(a, path, ta), get(b, path, tb)]);
        assert.equal(ra.status, 200, path);
        const local = (x: typeof ra) => x.text.replaceAll(a.baseUrl, '').replaceAll(b.baseUrl, '');
        assert.equal(local(ra), local(rb), path);
      }
    });
  });
});
