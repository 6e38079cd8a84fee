/**
 * The slice of `fetch` the client needs. Global fetch satisfies it (VS Code routes it through
 * the user's proxy); tests and benchmarks can stand in.
 */
export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;
