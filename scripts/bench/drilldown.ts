// The drill-down figure, in the real workbench (window 1 of workbench.ts, sample data, warm
// sandbox): from the pointerdown on a bucket (a row of the report's table) to the frame that
// painted the first conversations. The request's own latency (the webview's post of
// `drilldown/open` to the arrival of its page: host, client and sandbox) is measured in the same
// run and subtracted; the budget is on what is left, the panel's own work.
import type { Frame, Page } from 'playwright-core';
import { findReportFrame } from '../../test/ui/reportPanel';
import { waitForTreeRow } from '../../test/ui/workbench';
import { median, notMeasured, summarize, type Figure } from './stats';

const BUDGET = '≤ 150 ms + the request’s own latency';
const ID = 'drilldown.rows';

interface Sample {
  total: number;
  latency: number;
}

/** Marks as the webview records them (webview/features/drilldown/feature.ts DRILL_MARKS). */
function marks(frame: Frame): Promise<Record<string, number>> {
  return frame.evaluate(() => {
    const out: Record<string, number> = {};
    for (const name of ['bench:down', 'helpscout:drill-open', 'helpscout:drill-reply', 'helpscout:drill-painted']) {
      const entry = performance.getEntriesByName(name, 'mark').at(-1);
      if (entry) out[name] = entry.startTime;
    }
    return out;
  });
}

async function oneDrill(frame: Frame, row: number): Promise<Sample> {
  await frame.evaluate(() => performance.clearMarks());
  await frame.locator('#app table.data-table tbody tr').nth(row).click();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const m = await marks(frame);
    const down = m['bench:down'];
    const open = m['helpscout:drill-open'];
    const reply = m['helpscout:drill-reply'];
    const painted = m['helpscout:drill-painted'];
    if (down !== undefined && open !== undefined && reply !== undefined && painted !== undefined && painted >= down) {
      await frame.locator('.drill-close').click();
      await frame.locator('.drill-pane').waitFor({ state: 'hidden', timeout: 10_000 });
      return { total: painted - down, latency: reply - open };
    }
    if (Date.now() > deadline) throw new Error(`no drill-down rows painted (marks ${JSON.stringify(m)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens `reportName` from the tree and drills into its buckets `runs` times after two warm-ups. */
export async function measureDrilldown(page: Page, reportName: string, runs: number): Promise<Sample[]> {
  await (await waitForTreeRow(page, reportName, { timeoutMs: 15_000 })).click();
  const frame = await findReportFrame(page, reportName);
  await frame.locator('#app table.data-table tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 });
  await frame.evaluate(() =>
    document.addEventListener('pointerdown', () => {
      performance.clearMarks('bench:down');
      performance.mark('bench:down');
    }, { capture: true }),
  );
  const rows = await frame.locator('#app table.data-table tbody tr').count();
  await oneDrill(frame, 0);
  await oneDrill(frame, 1);
  const samples: Sample[] = [];
  // Weekdays and weekends alike: every third row, so the bucket sizes vary.
  for (let i = 0; i < runs; i++) samples.push(await oneDrill(frame, (2 + i * 3) % rows));
  return samples;
}

export function drilldownFigure(samples: Sample[] | undefined, error: string | undefined): Figure {
  if (!samples?.length) return notMeasured(ID, 'drill-down: click → first rows painted, warm sandbox', BUDGET, error ?? 'not run');
  const total = summarize(samples.map((s) => s.total));
  const latency = median(samples.map((s) => s.latency));
  const own = samples.map((s) => s.total - s.latency);
  return {
    id: ID,
    figure: `drill-down: click → first rows painted, warm sandbox, ${samples.length} runs`,
    unit: 'ms',
    value: total.median,
    valueLabel: `${total.median.toFixed(0)} ms (request ${latency.toFixed(0)} ms; the panel's own ${median(own).toFixed(0)} ms)`,
    range: [total.min, total.max],
    budget: BUDGET,
    pass: median(own) <= 150,
    details: { total, requestLatencyMedian: latency, ownMedian: median(own), samples },
  };
}
