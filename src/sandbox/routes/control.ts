/**
 * Test-only hooks, mounted only with `controlEndpoint: true`, so a client under test in another
 * process can switch faults and read counters:
 *   GET/POST/DELETE /__sandbox/faults   POST body: a rule, an array of rules, {"spec": "429:3"} or {"specs": [...]}
 *   GET/DELETE /__sandbox/stats
 */
import { checkFaultRule, type FaultRule } from '../faults';
import { parseFaultSpec } from '../faultSpec';
import { json } from '../reply';
import type { Route, RouteContext } from '../router';

function rulesFrom(body: unknown): FaultRule[] {
  if (Array.isArray(body)) return body.map(checkFaultRule);
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.spec === 'string') return [parseFaultSpec(b.spec)];
    if (Array.isArray(b.specs)) return b.specs.map((s) => parseFaultSpec(String(s)));
  }
  return [checkFaultRule(body)];
}

function addFaults(ctx: RouteContext) {
  let body: unknown;
  try {
    body = JSON.parse(ctx.body);
  } catch {
    return json(400, { message: 'The body must be JSON: a fault rule, an array of rules, {"spec": "..."} or {"specs": [...]}' });
  }
  let rules: FaultRule[];
  try {
    rules = rulesFrom(body);
  } catch (e) {
    return json(400, { message: (e as Error).message });
  }
  const ids = rules.map((r) => ctx.faults.add(r));
  return json(201, { ids, faults: ctx.faults.list() });
}

export const controlRoutes: Route[] = [
  {
    pattern: /^\/__sandbox\/faults$/,
    kind: 'control',
    methods: {
      GET: (ctx) => json(200, { faults: ctx.faults.list() }),
      POST: addFaults,
      DELETE: (ctx) => {
        ctx.faults.clear();
        return json(200, { faults: [] });
      },
    },
  },
  {
    pattern: /^\/__sandbox\/stats$/,
    kind: 'control',
    methods: {
      GET: (ctx) => json(200, ctx.stats),
      DELETE: (ctx) => {
        ctx.resetStats();
        return json(200, ctx.stats);
      },
    },
  },
];
