// Shared set-up for the benchmarks that talk to the sandbox: a HelpScoutClient signed in with the
// sandbox's demo app, and wire-format report parameters over the sandbox's data.
import { HelpScoutClient, type HelpScoutClientOptions } from '../../src/core/client';
import type { CustomersHelpedParams } from '../../src/core/report';
import { MemoryTokenStore } from '../../src/core/tokens';
import type { Sandbox } from '../../src/sandbox/server';

export const DAY_MS = 86_400_000;

/** `yyyy-MM-ddTHH:mm:ssZ`, UTC, no milliseconds (the wire format). */
export function wireDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** A client with the demo app's credentials and an in-memory token store (as tests do). */
export function sandboxClient(sandbox: Sandbox, options: Partial<HelpScoutClientOptions> = {}): HelpScoutClient {
  return new HelpScoutClient({
    baseUrl: sandbox.baseUrl,
    fetch: globalThis.fetch,
    tokenStore: new MemoryTokenStore(),
    getCredentials: async () => ({ kind: 'clientCredentials', appId: sandbox.appId, appSecret: sandbox.appSecret }),
    ...options,
  });
}

/** The `days`-day range ending at the sandbox's last midnight, with the period before it. */
export function lastDaysParams(sandbox: Sandbox, userId: number, days: number, viewBy: CustomersHelpedParams['viewBy']): CustomersHelpedParams {
  const end = utcMidnight(sandbox.dataset.now * 1000);
  const start = end - days * DAY_MS;
  return {
    user: userId,
    start: wireDate(start),
    end: wireDate(end),
    previousStart: wireDate(start - days * DAY_MS),
    previousEnd: wireDate(start),
    viewBy,
  };
}

/** The user with the most conversations: the heaviest report. */
export function busiestUserId(sandbox: Sandbox): number {
  let best = 0;
  let bestCount = -1;
  sandbox.dataset.users.forEach((user, i) => {
    const count = sandbox.dataset.timelines[i]?.times.length ?? 0;
    if (count > bestCount) {
      best = user.id;
      bestCount = count;
    }
  });
  return best;
}
