/**
 * The slice of `fetch` the client needs. Global fetch satisfies it (VS Code routes it through
 * the user's proxy); tests and benchmarks can stand in.
 */
export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Always 'manual': a 3xx comes back as it is and is refused; nothing is re-sent elsewhere. */
  redirect?: 'manual';
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as a stream (global fetch has one): read chunk by chunk and stopped at the size cap. */
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;
