import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareReport, type ReportComparison } from '../../../src/core/comparison';
import { JSON_EXPORT_FORMAT, TEAM_JSON_EXPORT_FORMAT, toCsv, toJson, toMarkdown, toTsv, type ExportMeta, type TeamExportPerson } from '../../../src/core/export';
import { escapeMarkdown } from '../../../src/core/markdownText';
import type { DataPoint } from '../../../src/core/report';
import { calendarDateArb } from './arbitraries';

const meta: ExportMeta = {
  title: 'Anna · Last 30 days',
  currentLabel: '1–31 Oct 2026',
  previousLabel: '1–30 Sep 2026',
  viewBy: 'day',
  generatedAt: '2026-11-01T09:00:00Z',
};

const pts = (...counts: number[]): DataPoint[] => counts.map((value, i) => ({ date: `2026-10-0${i + 1}T12:00:00Z`, value }));
const sample = compareReport({ current: pts(10, 4, 3), previous: pts(8, 5) });

/** A strict RFC 4180 reader, written independently of the exporter, for round trips. */
function parseCsv(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'records end with CRLF');
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const ch = text[i];
        assert.ok(ch !== undefined, 'unterminated quoted field');
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += ch;
          i++;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        assert.notEqual(text[i], '"', 'bare quote in an unquoted field');
        assert.notEqual(text[i], '\n', 'bare LF in an unquoted field');
        field += text[i];
        i++;
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n');
      i += 2;
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('export', () => {
  describe('toCsv', () => {
    it('writes a header, one record per row and a totals record', () => {
      const records = parseCsv(toCsv(sample, meta));
      assert.deepEqual(records, [
        ['Date', 'Current: 1–31 Oct 2026', 'Previous date', 'Previous: 1–30 Sep 2026', 'Change', 'Change %', 'Partial bucket'],
        ['2026-10-01', '10', '2026-10-01', '8', '2', '25', ''],
        ['2026-10-02', '4', '2026-10-02', '5', '-1', '-20', ''],
        ['2026-10-03', '3', '', '', '', '', ''],
        ['Total', '17', '', '13', '4', '30.8', ''],
      ]);
    });

    it('marks new growth and sample data', () => {
      const c = compareReport({ current: pts(2), previous: pts(0) });
      const records = parseCsv(toCsv(c, { ...meta, sampleData: true }));
      assert.equal(records[1]?.[5], 'new');
      assert.match(records[0]?.[1] ?? '', /\(sample data\)$/);
    });

    it('keeps the previous columns when there is no comparison', () => {
      const records = parseCsv(toCsv(compareReport({ current: pts(1) }), { ...meta, previousLabel: undefined }));
      assert.deepEqual(records[0]?.[3], 'Previous');
      assert.deepEqual(records[2], ['Total', '1', '', '', '', '', '']);
    });

    it('neutralises cells a spreadsheet would run as formulas, but not negative numbers', () => {
      const evil = compareReport({
        current: [{ date: '=HYPERLINK("http://x","y")', value: 1 }, { date: '@SUM(A1)', value: 2 }],
        previous: [{ date: '+1', value: 5 }, { date: '\tcmd', value: 2 }],
      });
      const records = parseCsv(toCsv(evil, { ...meta, currentLabel: '-2+3', previousLabel: undefined }));
      // A date that names no calendar day is left out; it never reaches the sheet as a formula.
      assert.deepEqual([records[1]?.[0], records[1]?.[2], records[2]?.[0], records[2]?.[2]], ['', '', '', '']);
      assert.equal(records[1]?.[4], '-4');
      assert.equal(records[0]?.[1], 'Current: -2+3');
      const labelled = parseCsv(toCsv(evil, { ...meta, currentLabel: '=cmd|x', previousLabel: '@SUM(A1)' }));
      assert.equal(labelled[0]?.[1], 'Current: =cmd|x');
      assert.equal(labelled[0]?.[3], 'Previous: @SUM(A1)');
    });

    it('round-trips any text through quoting, guarded against formulas', () => {
      const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', 'é', '|'), maxLength: 12 });
      fc.assert(
        fc.property(fc.array(fc.tuple(calendarDateArb(2000, 2040), fc.nat(1000)), { maxLength: 20 }), text, (rows, title) => {
          const c = compareReport({ current: rows.map(([day, value]) => ({ date: `${day}T12:00:00Z`, value })) });
          const records = parseCsv(toCsv(c, { ...meta, currentLabel: title, previousLabel: `p${title}` }));
          assert.equal(records.length, rows.length + 2);
          assert.equal(records[0]?.[1], `Current: ${title}`);
          assert.equal(records[0]?.[3], `Previous: p${title}`);
          rows.forEach(([day, customers], i) => assert.deepEqual(records[i + 1]?.slice(0, 2), [day, String(customers)]));
          for (const r of records) assert.equal(r.length, 7);
        }),
      );
    });
  });

  describe('toJson', () => {
    it('carries the metadata, totals, change and rows', () => {
      const doc = JSON.parse(toJson(sample, meta));
      assert.equal(doc.format, JSON_EXPORT_FORMAT);
      assert.equal(doc.title, meta.title);
      assert.equal(doc.sampleData, false);
      assert.equal(doc.viewBy, 'day');
      assert.deepEqual(doc.current, { label: meta.currentLabel, total: 17 });
      assert.deepEqual(doc.previous, { label: meta.previousLabel, total: 13 });
      assert.deepEqual(doc.change, sample.change);
      assert.equal(doc.rows.length, 3);
      assert.deepEqual(doc.rows[2], {
        currentDay: '2026-10-03',
        currentDate: '2026-10-03T12:00:00Z',
        current: 3,
        currentPartial: null,
        previousDay: null,
        previousDate: null,
        previous: null,
        previousPartial: null,
        change: null,
      });
    });

    it('has no previous block without a comparison', () => {
      const doc = JSON.parse(toJson(compareReport({ current: pts(1) }), meta));
      assert.equal(doc.previous, null);
      assert.equal(doc.change, null);
    });
  });

  describe('toMarkdown', () => {
    it('renders a titled table with a totals row', () => {
      const md = toMarkdown(sample, meta);
      const lines = md.trimEnd().split('\n');
      assert.equal(lines[0], '# Anna · Last 30 days');
      assert.ok(lines.includes('Current: 1–31 Oct 2026 · Previous: 1–30 Sep 2026 · By day · Generated 2026-11-01T09:00:00Z'));
      assert.ok(lines.includes('| 2026-10-01 | 10 | 2026-10-01 | 8 | +2 | +25 % |'));
      assert.ok(lines.includes('| 2026-10-02 | 4 | 2026-10-02 | 5 | -1 | -20 % |'));
      assert.equal(lines.at(-1), '| **Total** | **17** |  | **13** | **+4** | **+30.8 %** |');
      assert.ok(!md.includes('Sample data'));
      assert.ok(toMarkdown(sample, { ...meta, sampleData: true }).includes('> Sample data'));
    });

    it('escapes pipes, backslashes, HTML and line breaks', () => {
      assert.equal(escapeMarkdown('a|b\\|c<script>\nd'), 'a\\|b\\\\\\|c&lt;script&gt; d');
    });

    it('every table line has exactly six cells whatever the text', () => {
      const text = fc.string({ unit: fc.constantFrom('a', '|', '\\', '\n', '\r', '<', ' ', '*'), maxLength: 10 });
      const countCells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 2;
      fc.assert(
        fc.property(fc.array(fc.tuple(text, fc.nat(100), fc.nat(100)), { maxLength: 10 }), text, (rows, title) => {
          const c = compareReport({
            current: rows.map(([date, n]) => ({ date, value: n })),
            previous: rows.map(([date, , n]) => ({ date, value: n })),
          });
          const md = toMarkdown(c, { ...meta, title });
          const lines = md.trimEnd().split('\n');
          assert.ok(lines[0]?.startsWith('# '));
          const table = lines.filter((l) => l.startsWith('|'));
          assert.equal(table.length, rows.length + 3);
          for (const line of table) assert.equal(countCells(line), 6, line);
        }),
      );
    });
  });

  it('does not mutate the comparison it exports', () => {
    const before: ReportComparison = structuredClone(sample);
    toCsv(sample, meta);
    toJson(sample, meta);
    toMarkdown(sample, meta);
    assert.deepEqual(sample, before);
  });
});

describe('export: the metric is named', () => {
  const c = compareReport({ current: [{ date: '2026-10-01T12:00:00Z', value: 3 }], previous: [{ date: '2026-09-01T12:00:00Z', value: 1 }] });
  const meta = { title: 'Anna', metric: 'Replies sent', currentLabel: 'Oct', previousLabel: 'Sep', viewBy: 'day' as const, generatedAt: '2026-11-01T00:00:00.000Z' };
  it('in the CSV headers, the JSON and the Markdown', () => {
    assert.match(toCsv(c, meta).split('\r\n')[0]!, /^Date,"?Replies sent, current: Oct"?,Previous date,"?Replies sent, previous: Sep"?,/);
    assert.equal((JSON.parse(toJson(c, meta)) as { metric: string }).metric, 'Replies sent');
    assert.match(toMarkdown(c, meta), /\nReplies sent · Current: Oct · Previous: Sep/);
    assert.equal((JSON.parse(toJson(c, { ...meta, metric: undefined })) as { metric: string }).metric, 'Customers helped');
  });
});

describe('toTsv: the table as a spreadsheet pastes it', () => {
  // The same columns as the CSV: bucket days and the partial-bucket column (issue 9).
  it('one line per bucket plus a header and the totals, seven tab-separated columns each', () => {
    const lines = toTsv(sample, meta).split('\n');
    assert.equal(lines.pop(), '', 'ends with a line break');
    assert.deepEqual(lines, [
      'Date\tCurrent: 1–31 Oct 2026\tPrevious date\tPrevious: 1–30 Sep 2026\tChange\tChange %\tPartial bucket',
      '2026-10-01\t10\t2026-10-01\t8\t2\t25\t',
      '2026-10-02\t4\t2026-10-02\t5\t-1\t-20\t',
      '2026-10-03\t3\t\t\t\t\t',
      'Total\t17\t\t13\t4\t30.8\t',
    ]);
  });

  it('text from the API that would run as a formula or break the columns is neutralised', () => {
    const hostile: ReportComparison = { ...sample, rows: [{ ...sample.rows[0]!, currentDate: '=HYPERLINK("x")\tnext\ncolumn' }] };
    const row = toTsv(hostile, { ...meta, currentLabel: 'a\tb' }).split('\n');
    assert.equal(row.length, 4, 'header, one row, totals, and the final line break');
    const cells = row[1]!.split('\t');
    assert.equal(cells.length, 7);
    // Since issue 9 the date column holds the bucket's calendar day: text that is not one is left out.
    assert.equal(cells[0], '');
    assert.equal(row[0]!.split('\t')[1], 'Current: a b');
  });
});

describe('team exports: one column per person, or the ranking (issue 12)', () => {
  // Three people over three days; Cleo's report failed. The expected tables below are written out
  // by hand from these figures, not computed by the code under test.
  const days = ['2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z'];
  const series = { anna: [5, 0, 3], ben: [1, 2, 1] };
  const previous = { anna: [2, 2, 0], ben: [4, 0, 0] };
  const teamTotal = compareReport({
    current: days.map((date, i) => ({ date, value: series.anna[i]! + series.ben[i]! })),
    previous: days.map((date, i) => ({ date: date.replace('-10-', '-09-'), value: previous.anna[i]! + previous.ben[i]! })),
  });
  const people: TeamExportPerson[] = [
    { id: 1, name: 'Anna', current: series.anna, currentTotal: 8, previousTotal: 4, change: { absolute: 4, percent: 100, isNew: false }, share: 8 / 12, busiest: { date: days[0]!, value: 5 } },
    { id: 2, name: '=Ben, "B"', current: series.ben, currentTotal: 4, previousTotal: 4, change: { absolute: 0, percent: 0, isNew: false }, share: 4 / 12, busiest: { date: days[1]!, value: 2 } },
    { id: 3, name: 'Cleo', currentTotal: null, previousTotal: null, change: null, share: null, busiest: null, error: { message: 'Not found | left the company', status: 404 } },
  ];
  const teamMeta: ExportMeta = { ...meta, title: 'Support team', metric: 'Replies sent' };

  it('CSV, people: a column per person and the Team total, per bucket, then totals and who did not load', () => {
    assert.deepEqual(parseCsv(toCsv(teamTotal, teamMeta, { table: 'people', people })), [
      ['Date (Replies sent, 1–31 Oct 2026)', 'Anna', "'=Ben, \"B\"", 'Cleo', 'Team total'],
      ['2026-10-01', '5', '1', '', '6'],
      ['2026-10-02', '0', '2', '', '2'],
      ['2026-10-03', '3', '1', '', '4'],
      ['Total', '8', '4', '', '12'],
      ['Not loaded', '', '', 'Not found | left the company', ''],
    ]);
  });

  it('CSV, ranking: person, current, previous, change %, share % (rounded like the panel), busiest bucket', () => {
    assert.deepEqual(parseCsv(toCsv(teamTotal, teamMeta, { table: 'ranking', people })), [
      ['Person', 'Replies sent, current: 1–31 Oct 2026', 'Replies sent, previous: 1–30 Sep 2026', 'Change %', 'Share %', 'Busiest bucket', 'Not loaded'],
      ['Anna', '8', '4', '100', '66.7', '2026-10-01', ''],
      ["'=Ben, \"B\"", '4', '4', '0', '33.3', '2026-10-02', ''],
      ['Cleo', '', '', '', '', '', 'Not found | left the company'],
      ['Team total', '12', '8', '50', '', '', ''],
    ]);
  });

  it('TSV carries the same cells as the CSV, tab-separated', () => {
    const tsv = toTsv(teamTotal, teamMeta, { table: 'ranking', people }).split('\n');
    assert.equal(tsv[1], 'Anna\t8\t4\t100\t66.7\t2026-10-01\t');
    assert.equal(tsv[2], "'=Ben, \"B\"\t4\t4\t0\t33.3\t2026-10-02\t");
  });

  it('Markdown: names escaped, percentages signed with the panel’s rounding, failures listed as text', () => {
    const ranking = toMarkdown(teamTotal, teamMeta, { table: 'ranking', people }).split('\n');
    assert.ok(ranking.includes('| Anna | 8 | 4 | +100 % | 66.7 % | 2026-10-01 |'), ranking.join('\n'));
    assert.ok(ranking.includes('| =Ben, "B" | 4 | 4 | 0 % | 33.3 % | 2026-10-02 |'));
    assert.ok(ranking.includes('| **Team total** | **12** | **8** | **+50 %** |  |  |'));
    assert.ok(ranking.includes('- Cleo: Not found \\| left the company'));
    const byPerson = toMarkdown(teamTotal, teamMeta, { table: 'people', people }).split('\n');
    assert.ok(byPerson.includes('| Date | Anna | =Ben, "B" | Cleo | Team total |'));
    assert.ok(byPerson.includes('| 2026-10-01 | 5 | 1 |  | 6 |'));
    assert.ok(byPerson.includes('| **Total** | **8** | **4** |  | **12** |'));
  });

  it('JSON names the table, keeps every person with their error, and the figures as numbers', () => {
    const doc = JSON.parse(toJson(teamTotal, teamMeta, { table: 'people', people })) as Record<string, unknown>;
    assert.equal(doc.format, TEAM_JSON_EXPORT_FORMAT);
    assert.equal(doc.table, 'people');
    assert.deepEqual(doc.rows, [
      { currentDay: '2026-10-01', currentDate: days[0], people: [5, 1, null], teamTotal: 6 },
      { currentDay: '2026-10-02', currentDate: days[1], people: [0, 2, null], teamTotal: 2 },
      { currentDay: '2026-10-03', currentDate: days[2], people: [3, 1, null], teamTotal: 4 },
    ]);
    assert.deepEqual((doc.people as unknown[])[2], { id: 3, name: 'Cleo', total: null, error: { message: 'Not found | left the company', status: 404 } });
    const ranking = JSON.parse(toJson(teamTotal, teamMeta, { table: 'ranking', people })) as { rows: Array<Record<string, unknown>> };
    assert.deepEqual(ranking.rows[0], {
      id: 1,
      name: 'Anna',
      current: 8,
      previous: 4,
      change: { absolute: 4, percent: 100, isNew: false },
      share: 8 / 12,
      busiest: { day: '2026-10-01', date: days[0], value: 5 },
      error: null,
    });
  });

  it('without a team the exports are what they were', () => {
    assert.equal(toCsv(sample, meta, undefined), toCsv(sample, meta));
    assert.equal(toMarkdown(sample, meta, undefined), toMarkdown(sample, meta));
  });
});
