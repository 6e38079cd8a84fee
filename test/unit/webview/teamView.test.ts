import assert from 'node:assert/strict';
import type { TeamPersonView, TeamView } from '../../../src/protocol/team';
import { buildTeamChartConfig, teamChartAriaLabel, teamLegend } from '../../../webview/features/team/chart';
import { pngLegend } from '../../../webview/legend';
import { DEFAULT_TEAM_STATE } from '../../../webview/features/team/state';
import { buildPeopleTable, buildRanking, isEmptyView, personStyle, progressView, teamHeadline, teamNote } from '../../../webview/features/team/view';
import { createFormatter } from '../../../webview/format';
import { buildHeadline } from '../../../webview/summary';
import { readTheme } from '../../../webview/theme';
import { comparison, snapshot } from './fixtures';

const f = createFormatter('en-GB', 'UTC');
const day = (d: number) => `2026-10-0${d}T00:00:00Z`;
const PALETTE = ['#111111', '#222222', '#333333', '#444444', '#555555', '#666666'];
const theme = { ...readTheme({ getPropertyValue: () => '' }, ['vscode-dark']), palette: PALETTE };

/** A person from their buckets, with the figures worked out here by hand-simple sums. */
function person(id: number, name: string, current: number[], previous: number[], teamCurrent: number): TeamPersonView {
  const c = current.reduce((a, b) => a + b, 0);
  const p = previous.reduce((a, b) => a + b, 0);
  const max = Math.max(...current);
  return {
    id,
    name,
    current,
    previous,
    currentTotal: c,
    previousTotal: p,
    change: { absolute: c - p, percent: p === 0 ? null : ((c - p) / p) * 100, isNew: p === 0 && c > 0 },
    share: teamCurrent === 0 ? null : c / teamCurrent,
    busiest: max > 0 ? { date: day(current.indexOf(max) + 1), value: max } : null,
  };
}

// Team total by bucket: 6+2=8, 1+2=3, 3+4=7 → 18; previous 2+2=4, 2+2=4, 2+2=4 → 12.
const anna = person(11, 'Anna Kowalski', [6, 1, 3], [2, 2, 2], 18);
const ben = person(12, 'Ben', [2, 2, 4], [2, 2, 2], 18);
const gone: TeamPersonView = { id: 13, name: 'Cem', currentTotal: null, previousTotal: null, change: null, share: null, busiest: null, error: { message: 'Help Scout could not find this user.', status: 404, logRef: 'abc-123' } };
const team: TeamView = { people: [anna, gone, ben], omitted: 0 };
const total = comparison([8, 3, 7], [4, 4, 4]);
const teamSnapshot = snapshot({ comparison: total, team, user: { name: 'Billing team' } });

describe('webview/features/team/view', () => {
  it('gives 24 people 24 different line patterns, so they differ without colour; colours cycle the palette', () => {
    const styles = Array.from({ length: 24 }, (_, i) => personStyle(i, PALETTE));
    assert.equal(new Set(styles.map((s) => `${s.dash.join(',')}|${s.pointStyle}`)).size, 24);
    assert.deepEqual(styles.slice(0, 7).map((s) => s.color), [...PALETTE, PALETTE[0]]);
    assert.deepEqual(styles[0]!.dash, [], 'the first round is solid');
    assert.notDeepEqual(styles[6]!.dash, [], 'beyond the palette the line is dashed');
  });

  it('ranks by current, with previous, change (the panel’s % format), share and busiest day; the failed report last, with its error', () => {
    const view = buildRanking(teamSnapshot, total, team, DEFAULT_TEAM_STATE.sort, f);
    assert.deepEqual(view.columns.map((c) => c.label), ['Person', 'Current', 'Previous', 'Change', 'Share of team', 'Busiest day']);
    assert.deepEqual(view.rows.map((r) => r.name), ['Anna Kowalski', 'Ben', 'Cem']);
    const [a, b, c] = view.rows;
    assert.deepEqual([a!.current.text, a!.previous.text, a!.change.absolute, a!.change.words, a!.share.text, a!.busiest.text], ['10', '6', '+4', 'up 66.7%', '55.6%', 'Thu 1 Oct · 6']);
    assert.deepEqual([b!.current.text, b!.change.words, b!.share.text, b!.busiest.text], ['8', 'up 33.3%', '44.4%', 'Sat 3 Oct · 4']);
    assert.equal(c!.error, 'Status 404 · log ref abc-123: Help Scout could not find this user.');
    assert.equal(c!.current.text, '—');
    assert.equal(a!.openLabel, 'Open the report of Anna Kowalski');
  });

  it('drops previous and change without a previous period, and a sort on them falls back to current', () => {
    const single = comparison([8, 3, 7]);
    const view = buildRanking(teamSnapshot, single, team, { column: 'change', direction: 'ascending' }, f);
    assert.deepEqual(view.columns.map((c) => c.id), ['name', 'current', 'share', 'busiest']);
    assert.deepEqual(view.sort, { column: 'current', direction: 'descending' });
  });

  it('clips long names and keeps the whole name for the tooltip', () => {
    const long = { ...ben, name: 'N'.repeat(300) };
    const row = buildRanking(teamSnapshot, total, { people: [long], omitted: 0 }, DEFAULT_TEAM_STATE.sort, f).rows[0]!;
    assert.ok(row.name.length <= 40);
    assert.equal(row.fullName, long.name);
  });

  it('the people table: a row per bucket, a column per person who loaded, then the Team total', () => {
    const view = buildPeopleTable(teamSnapshot, total, team, f);
    assert.deepEqual(view.columns.map((c) => c.label), ['Day', 'Anna Kowalski', 'Ben', 'Team total']);
    assert.deepEqual(view.rows.map((r) => [r.date.text, ...r.values]), [
      ['Thu 1 Oct', '6', '2', '8'],
      ['Fri 2 Oct', '1', '2', '3'],
      ['Sat 3 Oct', '3', '4', '7'],
    ]);
    assert.deepEqual(view.totals, ['10', '8', '18']);
  });

  it('says once how a team counts: customers helped twice count once each; other metrics add up', () => {
    assert.match(teamNote(teamSnapshot, team, f), /a customer helped by two people counts once for each/);
    assert.match(teamNote(teamSnapshot, team, f), /1 person’s report did not load/);
    const replies = { metric: { ...teamSnapshot.metric, id: 'replies' as const, label: 'Replies sent' } };
    assert.match(teamNote(replies, { people: [anna, ben], omitted: 0 }, f), /^The Team total is the sum of each person’s replies sent\.$/);
    assert.match(teamNote(replies, { people: [anna, ben], omitted: 4 }, f), /4 people of this inbox are left out: a team report takes at most 50\./);
  });

  it('headline: the first card is the Team total, a card says how many people, the note is said once', () => {
    const headline = teamHeadline(buildHeadline(teamSnapshot, total, f), teamSnapshot, team, f);
    assert.equal(headline.current.label, 'Team total');
    assert.equal(headline.current.value, '18');
    assert.deepEqual(headline.people, { label: 'Team', value: '3 people', detail: '1 did not load' });
    assert.equal(headline.note.split('counts once for each').length - 1, 2, 'the per-bucket note and the team note, each once');
  });

  it('a team of zeros is empty, unless someone’s report failed: then the ranking shows their error', () => {
    const zeros = comparison([0, 0, 0], [0, 0, 0]);
    assert.equal(isEmptyView(zeros, undefined), true);
    assert.equal(isEmptyView(zeros, { people: [{ ...anna, currentTotal: 0 }], omitted: 0 }), true);
    assert.equal(isEmptyView(zeros, { people: [{ ...anna, currentTotal: 0 }, gone], omitted: 0 }), false);
    assert.equal(isEmptyView(total, team), false);
  });

  it('progress: "7 of 12 loaded", none without progress', () => {
    assert.deepEqual(progressView({ people: [], omitted: 0, progress: { loaded: 7, total: 12 } }, f), { text: '7 of 12 loaded', loaded: 7, total: 12 });
    assert.equal(progressView({ people: [], omitted: 0 }, f), null);
    assert.equal(progressView(undefined, f), null);
  });
});

describe('webview/features/team/chart', () => {
  const input = { snapshot: teamSnapshot, comparison: total, chartType: 'line' as const, theme, reducedMotion: true, formatter: f };

  it('one line per person who loaded, their current figures by bucket, in their own colour and dash', () => {
    const { config, datasetPeople } = buildTeamChartConfig(input, team, DEFAULT_TEAM_STATE);
    const datasets = config.data.datasets;
    assert.deepEqual(datasets.map((d) => d.label), ['Anna Kowalski', 'Ben']);
    assert.deepEqual(datasets.map((d) => d.data), [[6, 1, 3], [2, 2, 4]]);
    assert.deepEqual(datasetPeople, [11, 12]);
    assert.deepEqual(config.data.labels, ['Thu 1 Oct', 'Fri 2 Oct', 'Sat 3 Oct']);
    // Colour by position in the team: Cem (failed, position 1) keeps his colour out of Ben's way.
    assert.deepEqual(datasets.map((d) => d.borderColor), [PALETTE[0], PALETTE[2]]);
  });

  it('hides the people switched off; the Team total only when switched on, thicker, and not a person', () => {
    const { config, datasetPeople } = buildTeamChartConfig(input, team, { hidden: [12], showTotal: true });
    const datasets = config.data.datasets;
    assert.deepEqual(datasets.map((d) => d.hidden ?? false), [false, true, false]);
    const totalLine = datasets[2]!;
    assert.equal(totalLine.label, 'Team total');
    assert.deepEqual(totalLine.data, [8, 3, 7]);
    assert.ok((totalLine.borderWidth as number) > (datasets[0]!.borderWidth as number));
    assert.deepEqual(datasetPeople, [11, 12, null]);
  });

  it('as bars, the people stack (their top is the Team total)', () => {
    const { config } = buildTeamChartConfig({ ...input, chartType: 'bar' }, team, DEFAULT_TEAM_STATE);
    const scales = config.options?.scales as Record<string, { stacked?: boolean }>;
    assert.equal(scales.x?.stacked, true);
    assert.equal(scales.y?.stacked, true);
  });

  it('the legend: a pressed toggle per person who has a line, in their line’s look, then the Team total (off at first)', () => {
    const entries = teamLegend(team, DEFAULT_TEAM_STATE, theme, 'line');
    assert.deepEqual(entries.map((e) => [e.key, e.label, e.shown]), [
      [11, 'Anna Kowalski', true],
      [12, 'Ben', true],
      ['total', 'Team total', false],
    ]);
    // Cem's report failed: no line, no toggle. Ben is third in the team, so palette colour 2.
    assert.deepEqual(entries[1]!.swatch, { color: PALETTE[2], dash: [], pointStyle: 'triangle' });
    assert.deepEqual(entries.map((e) => e.attrs?.['data-user-id']), ['11', '12', undefined], 'a person’s toggle says whose it is');
    assert.equal(entries[2]!.swatch.color, theme.text);
    assert.ok((entries[2]!.swatch.width ?? 2) > 2, 'the Team total is drawn thicker than a person');
    const switched = teamLegend(team, { hidden: [11], showTotal: true }, theme, 'line');
    assert.deepEqual(switched.map((e) => e.shown), [false, true, true]);
    // Stacked bars: a box in the person's colour; the Team total is still a line.
    const bars = teamLegend(team, DEFAULT_TEAM_STATE, theme, 'bar');
    assert.deepEqual(bars.map((e) => e.swatch.fill), [PALETTE[0], PALETTE[2], undefined]);
  });

  it('a saved PNG’s legend lists the people drawn, then the Team total when it is on', () => {
    assert.deepEqual(pngLegend(teamLegend(team, { hidden: [11], showTotal: true }, theme, 'line')).map((i) => [i.label, i.swatch.color]), [
      ['Ben', PALETTE[2]],
      ['Team total', theme.text],
    ]);
    assert.deepEqual(pngLegend(teamLegend(team, DEFAULT_TEAM_STATE, theme, 'line')).map((i) => i.label), ['Anna Kowalski', 'Ben']);
  });

  it('the aria-label names the people count, the Team total and who is highest', () => {
    assert.equal(
      teamChartAriaLabel(teamSnapshot, team, false, f),
      'Customers helped by day, 1–31 Oct 2026, one line per person for 2 people. Team total 18; highest Anna Kowalski with 10. The ranking table below has every figure.',
    );
  });
});
