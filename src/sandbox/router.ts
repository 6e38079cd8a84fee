/** The sandbox's route table: path patterns, the methods each answers, and what a handler sees. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dataset } from './dataset';
import type { FaultController } from './faults';
import type { Reply } from './reply';
import type { TokenStore } from './tokens';

export interface SandboxStats {
  /** Every request except to the control endpoint. */
  requests: number;
  tokenRequests: number;
  reportRequests: number;
  /** 429 answers, from the rate limit and from 429 faults. */
  rateLimited: number;
  byPath: Record<string, number>;
}

export interface RouteContext {
  method: string;
  url: URL;
  /** Captured path segments, in pattern order. */
  params: string[];
  headers: IncomingHttpHeaders;
  body: string;
  baseUrl: string;
  dataset: Dataset;
  pageSize: number;
  /** The company's IANA zone, which reports are bucketed in. */
  timeZone: string;
  plan: 'plus' | 'free';
  appId: string;
  appSecret: string;
  tokens: TokenStore;
  faults: FaultController;
  stats: SandboxStats;
  resetStats(): void;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface Route {
  pattern: RegExp;
  /** token: no bearer needed, faults only when aimed; api: bearer + rate limit; control: test hooks. */
  kind: 'token' | 'api' | 'control';
  methods: Partial<Record<HttpMethod, Handler>>;
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}
