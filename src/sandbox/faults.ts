/**
 * Switchable misbehaviour, so clients can be tested against everything a real API and the
 * network in front of it do. A rule list: each request takes every matching latency rule and the
 * first other matching rule; a rule with `times` is used up after that many requests.
 *
 * Without `pathPrefix` a rule applies to every API route except the token endpoint; give a prefix
 * such as `/v2/oauth2/token` or `/v2/reports` to aim it.
 */

export const STATUS_FAULT_CODES = [401, 429, 500, 502, 503] as const;
export type StatusFaultCode = (typeof STATUS_FAULT_CODES)[number];
export const WRONG_SHAPE_VARIANTS = ['missingCurrent', 'customersAsString', 'badDates'] as const;
export type WrongShapeVariant = (typeof WRONG_SHAPE_VARIANTS)[number];
export const FAULT_KINDS = [
  'latency',
  'status',
  'drop',
  'malformedJson',
  'htmlBody',
  'wrongShape',
  'hugeResponse',
  'slowBody',
  'expireTokensEarly',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultScope {
  /** How many matching requests it affects. Omitted: every matching request until cleared. */
  times?: number;
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
}

export type FaultRule = FaultScope &
  (
    | { kind: 'latency'; ms: number }
    /** 401 says the token expired; 429 carries Retry-After (default 1 s); 5xx a body with logRef. */
    | { kind: 'status'; status: StatusFaultCode; retryAfterSeconds?: number }
    /** Destroys the socket without a response. */
    | { kind: 'drop' }
    /** 200 whose JSON is cut off halfway. */
    | { kind: 'malformedJson' }
    /** 200 text/html, like a proxy's error page. */
    | { kind: 'htmlBody' }
    | { kind: 'wrongShape'; variant: WrongShapeVariant }
    /** Report with this many buckets (default 10,000); lists repeat their items to that length. */
    | { kind: 'hugeResponse'; buckets?: number }
    /** Headers at once, then the body in chunks spread over `ms`. */
    | { kind: 'slowBody'; ms: number }
    /**
     * Tokens issued so far become invalid after `afterSeconds` (0: at once). With afterSeconds > 0,
     * new tokens also live only that long while the rule stands. `times` does not apply.
     */
    | { kind: 'expireTokensEarly'; afterSeconds: number }
  );

export interface ActiveFault {
  id: number;
  rule: FaultRule;
  /** Requests it will still affect; null = until cleared. */
  remaining: number | null;
  hits: number;
}

export interface FaultMatch {
  latencyMs: number;
  fault?: FaultRule;
}

interface TokenExpiry {
  expireEarly(afterSeconds: number): void;
  restoreLifetime(): void;
}

function fail(message: string): never {
  throw new TypeError(`Invalid fault rule: ${message}`);
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${name} must be a number ≥ 0`);
  return value;
}

/** Checks a rule that came from outside (JSON, CLI); returns a clean copy. */
export function checkFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected an object');
  const v = value as Record<string, unknown>;
  const scope: FaultScope = {};
  if (v.times !== undefined && v.times !== null) {
    if (typeof v.times !== 'number' || !Number.isInteger(v.times) || v.times < 1) fail('times must be a positive integer');
    scope.times = v.times;
  }
  if (v.pathPrefix !== undefined) {
    if (typeof v.pathPrefix !== 'string' || !v.pathPrefix.startsWith('/')) fail('pathPrefix must be a path starting with /');
    scope.pathPrefix = v.pathPrefix;
  }
  switch (v.kind) {
    case 'latency':
      return { ...scope, kind: 'latency', ms: nonNegative(v.ms, 'ms') };
    case 'slowBody':
      return { ...scope, kind: 'slowBody', ms: nonNegative(v.ms, 'ms') };
    case 'status': {
      if (!(STATUS_FAULT_CODES as readonly unknown[]).includes(v.status)) fail(`status must be one of ${STATUS_FAULT_CODES.join(', ')}`);
      const rule: FaultRule = { ...scope, kind: 'status', status: v.status as StatusFaultCode };
      if (v.retryAfterSeconds !== undefined) rule.retryAfterSeconds = Math.ceil(nonNegative(v.retryAfterSeconds, 'retryAfterSeconds'));
      return rule;
    }
    case 'drop':
    case 'malformedJson':
    case 'htmlBody':
      return { ...scope, kind: v.kind };
    case 'wrongShape':
      if (!(WRONG_SHAPE_VARIANTS as readonly unknown[]).includes(v.variant)) fail(`variant must be one of ${WRONG_SHAPE_VARIANTS.join(', ')}`);
      return { ...scope, kind: 'wrongShape', variant: v.variant as WrongShapeVariant };
    case 'hugeResponse': {
      const rule: FaultRule = { ...scope, kind: 'hugeResponse' };
      if (v.buckets !== undefined) {
        const buckets = nonNegative(v.buckets, 'buckets');
        if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1_000_000) fail('buckets must be an integer from 1 to 1000000');
        rule.buckets = buckets;
      }
      return rule;
    }
    case 'expireTokensEarly':
      return { ...scope, kind: 'expireTokensEarly', afterSeconds: nonNegative(v.afterSeconds ?? 0, 'afterSeconds') };
    default:
      return fail(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
}

export class FaultController {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly tokens: TokenExpiry) {}

  /** Adds a rule (checked; throws TypeError when invalid) and returns its id. */
  add(rule: FaultRule): number {
    const clean = checkFaultRule(rule);
    const id = this.nextId++;
    this.rules.push({ id, rule: clean, remaining: clean.times ?? null, hits: 0 });
    if (clean.kind === 'expireTokensEarly') this.tokens.expireEarly(clean.afterSeconds);
    return id;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    if (!this.rules.some((r) => r.rule.kind === 'expireTokensEarly')) this.tokens.restoreLifetime();
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
    this.tokens.restoreLifetime();
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r, rule: { ...r.rule } }));
  }

  /** Consumes what applies to one request to `path`. */
  match(path: string, isTokenRoute: boolean): FaultMatch {
    const result: FaultMatch = { latencyMs: 0 };
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.kind === 'expireTokensEarly') continue;
      const applies = rule.pathPrefix !== undefined ? path.startsWith(rule.pathPrefix) : !isTokenRoute;
      if (!applies) continue;
      if (rule.kind === 'latency') {
        result.latencyMs += rule.ms;
      } else if (result.fault) {
        continue;
      } else {
        result.fault = rule;
      }
      active.hits++;
      if (active.remaining !== null) active.remaining--;
    }
    this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
    return result;
  }
}
