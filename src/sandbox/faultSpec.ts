/**
 * The short text form of a fault rule, for the CLI (`--fault 429:3`) and the control endpoint:
 *
 *   <kind>[:<value>...][@<pathPrefix>]
 *
 *   401 | 429 | 500 | 502 | 503 [:<times>|always] [:retry-after=<s>]
 *   drop | malformed-json | html [:<times>|always]
 *   wrong-shape:<missing-current|customers-as-string|bad-dates> [:<times>|always]
 *   huge [:<times>|always] [:buckets=<n>]
 *   slow-body:<ms> [:<times>|always]      latency:<ms> [:<times>|always]
 *   expire-tokens[:<seconds>]
 *
 * Without a count a rule lasts until cleared, as in the code API.
 */
import { STATUS_FAULT_CODES, WRONG_SHAPE_VARIANTS, checkFaultRule, type FaultRule } from './faults';

export const FAULT_SPEC_HELP = `  <status>[:N|always][:retry-after=S]   status = 401 | 429 | 500 | 502 | 503
  drop[:N|always]                       close the connection without an answer
  malformed-json[:N|always]             200 with truncated JSON
  html[:N|always]                       200 text/html
  wrong-shape:<variant>[:N|always]      variant = missing-current | customers-as-string | bad-dates
  huge[:N|always][:buckets=B]           10,000 buckets (or B)
  slow-body:<ms>[:N|always]             body trickles out over <ms>
  latency:<ms>[:N|always]               extra delay before answering
  expire-tokens[:<seconds>]             issued tokens die after <seconds> (default 0: now)
  Append @/path/prefix to aim a rule (the token endpoint is only hit when aimed at).
  Without N a rule applies to every request until cleared.`;

function kebabToCamel(text: string): string {
  return text.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseFaultSpec(spec: string): FaultRule {
  const at = spec.indexOf('@');
  const body = at >= 0 ? spec.slice(0, at) : spec;
  const pathPrefix = at >= 0 ? spec.slice(at + 1) : undefined;
  const [head = '', ...rest] = body.split(':');
  const kind = head.trim().toLowerCase();

  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq >= 0) named[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
    else positional.push(part.trim());
  }
  const number = (text: string | undefined, what: string): number => {
    if (text === undefined || !/^\d+$/.test(text)) throw new TypeError(`Invalid fault "${spec}": ${what} must be a whole number`);
    return Number(text);
  };
  const times = (text: string | undefined): { times?: number } => {
    if (text === undefined || text === 'always') return {};
    return { times: number(text, 'the count') };
  };
  const extraPositional = (allowed: number) => {
    if (positional.length > allowed) throw new TypeError(`Invalid fault "${spec}": too many values`);
  };

  let rule: Record<string, unknown>;
  if ((STATUS_FAULT_CODES as readonly number[]).includes(Number(kind))) {
    extraPositional(1);
    rule = { kind: 'status', status: Number(kind), ...times(positional[0]) };
    if (named['retry-after'] !== undefined) rule.retryAfterSeconds = number(named['retry-after'], 'retry-after');
  } else if (kind === 'drop' || kind === 'malformed-json' || kind === 'html') {
    extraPositional(1);
    rule = { kind: kind === 'html' ? 'htmlBody' : kebabToCamel(kind), ...times(positional[0]) };
  } else if (kind === 'wrong-shape') {
    extraPositional(2);
    const variant = kebabToCamel(positional[0] ?? '');
    if (!(WRONG_SHAPE_VARIANTS as readonly string[]).includes(variant)) {
      throw new TypeError(`Invalid fault "${spec}": wrong-shape needs missing-current, customers-as-string or bad-dates`);
    }
    rule = { kind: 'wrongShape', variant, ...times(positional[1]) };
  } else if (kind === 'huge') {
    extraPositional(1);
    rule = { kind: 'hugeResponse', ...times(positional[0]) };
    if (named.buckets !== undefined) rule.buckets = number(named.buckets, 'buckets');
  } else if (kind === 'slow-body' || kind === 'latency') {
    extraPositional(2);
    rule = { kind: kind === 'latency' ? 'latency' : 'slowBody', ms: number(positional[0], 'the duration in ms'), ...times(positional[1]) };
  } else if (kind === 'expire-tokens') {
    extraPositional(1);
    rule = { kind: 'expireTokensEarly', afterSeconds: positional[0] === undefined ? 0 : number(positional[0], 'the seconds') };
  } else {
    throw new TypeError(`Invalid fault "${spec}": unknown kind "${head}"`);
  }
  const unknownNamed = Object.keys(named).filter((k) => !(k === 'retry-after' && rule.kind === 'status') && !(k === 'buckets' && rule.kind === 'hugeResponse'));
  if (unknownNamed.length) throw new TypeError(`Invalid fault "${spec}": unknown option ${unknownNamed.join(', ')}`);
  if (pathPrefix !== undefined) rule.pathPrefix = pathPrefix;
  try {
    return checkFaultRule(rule);
  } catch (e) {
    throw new TypeError(`Invalid fault "${spec}": ${(e as Error).message.replace(/^Invalid fault rule: /, '')}`);
  }
}
