import type { HelpScoutClient } from '../../src/core/client';
import { silentLogger, type Logger } from '../../src/core/logger';
import type { ResolveContext } from '../../src/core/query';
import { ReportService } from '../../src/extension/reportService';

/** A ReportService over `client` in sample mode, with an in-memory globalState and a fixed clock (by default 10 Feb 2025, UTC). */
export function sampleReportService(
  client: Partial<HelpScoutClient>,
  log: Logger = silentLogger,
  resolveContext: ResolveContext = { now: Date.UTC(2025, 1, 10, 12), timeZone: 'UTC', weekStart: 'monday' },
): ReportService {
  const state = new Map<string, unknown>();
  return new ReportService(
    { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key: string, value: unknown) => void state.set(key, value) } as never,
    { client: async () => client as HelpScoutClient, isSample: true, accountInfo: undefined },
    log,
    () => resolveContext,
  );
}
