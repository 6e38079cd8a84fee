/** Command-line arguments of the sandbox CLI → SandboxOptions, with messages fit for a terminal. */
import { parseArgs } from 'node:util';
import type { FaultRule } from './faults';
import { FAULT_SPEC_HELP, parseFaultSpec } from './faultSpec';
import type { SandboxOptions } from './server';
import { isKnownZone } from './zone';

export const CLI_USAGE = `Help Scout API sandbox: a local Mailbox API 2.0 with three years of sample data.

Usage: npm run sandbox -- [options]      (or: npx tsx src/sandbox/cli.ts [options])

Options:
  --port <n>          port on 127.0.0.1 (default 4010; 0 = any free port)
  --now <date>        end of the sample data, ISO 8601 (default: now)
  --seed <n>          data seed (default 20190502)
  --time-zone <zone>  the company's IANA zone; reports are bucketed in it (default UTC)
  --rate-limit <n>    requests per minute for the account (default 400; 0 = off)
  --latency <ms>      delay before every answer (default 0)
  --plan <plus|free>  free answers 403 on reports (default plus)
  --page-size <n>     items per list page (default 50)
  --token-lifetime <s> expires_in of tokens (default 172800)
  --fault <spec>      add a fault rule; repeatable. Specs:
${FAULT_SPEC_HELP.replace(/^/gm, '    ')}
  --hostile-names     give users, inboxes, folders and tags hostile names (HTML, RTL, emoji, 10,000 chars)
  --control           enable the test control endpoints /__sandbox/faults and /__sandbox/stats
  -h, --help          show this help

Examples:
  npm run sandbox -- --port 4010 --fault 429:3 --fault slow-body:2000:1@/v2/reports
`;

export type CliParse =
  | { kind: 'help' }
  | { kind: 'run'; options: SandboxOptions; faults: FaultRule[] }
  | { kind: 'error'; message: string };

function integer(text: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new RangeError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

export function parseCli(argv: readonly string[]): CliParse {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        now: { type: 'string' },
        seed: { type: 'string' },
        'time-zone': { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        plan: { type: 'string' },
        'page-size': { type: 'string' },
        'token-lifetime': { type: 'string' },
        fault: { type: 'string', multiple: true },
        control: { type: 'boolean' },
        'hostile-names': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) return { kind: 'error', message: `Unexpected argument: ${positionals[0]}` };

    const options: SandboxOptions = { port: integer(values.port, 'port', 0, 65535) ?? 4010 };
    if (values.now !== undefined) {
      const ms = Date.parse(values.now);
      if (Number.isNaN(ms)) return { kind: 'error', message: `--now must be an ISO 8601 date such as 2026-03-15 or 2026-03-15T12:00:00Z, got "${values.now}"` };
      options.now = ms;
    }
    const zone = values['time-zone'];
    if (zone !== undefined) {
      if (!isKnownZone(zone)) return { kind: 'error', message: `--time-zone must be an IANA time zone such as Europe/Berlin, got "${zone}"` };
      options.timeZone = zone;
    }
    const seed = integer(values.seed, 'seed', 0, 2 ** 32 - 1);
    if (seed !== undefined) options.seed = seed;
    const rate = integer(values['rate-limit'], 'rate-limit', 0);
    if (rate !== undefined) options.rateLimitPerMinute = rate;
    const latency = integer(values.latency, 'latency', 0);
    if (latency !== undefined) options.latencyMs = latency;
    const pageSize = integer(values['page-size'], 'page-size', 1, 1000);
    if (pageSize !== undefined) options.pageSize = pageSize;
    const lifetime = integer(values['token-lifetime'], 'token-lifetime', 1);
    if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
    if (values.plan !== undefined) {
      if (values.plan !== 'plus' && values.plan !== 'free') return { kind: 'error', message: `--plan must be plus or free, got "${values.plan}"` };
      options.plan = values.plan;
    }
    if (values.control) options.controlEndpoint = true;
    if (values['hostile-names']) options.hostileNames = true;
    const faults = (values.fault ?? []).map(parseFaultSpec);
    return { kind: 'run', options, faults };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}
