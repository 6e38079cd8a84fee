/**
 * Reading a response body that nobody vouches for: chunk by chunk, counting bytes, and cancelling
 * the stream as soon as it passes the cap, so a huge or endless body costs at most the cap in
 * memory, never the whole body (Content-Length may be absent or lie).
 */
import type { HttpResponse } from './http';

export type BodyStream = NonNullable<HttpResponse['body']>;

/**
 * Hands each chunk to `sink` until the stream ends (true) or the bytes seen pass `maxBytes`
 * (false: the chunk that crossed the cap is not handed over and the stream is cancelled).
 */
export async function readBounded(body: BodyStream, maxBytes: number, sink: (chunk: Uint8Array) => void): Promise<boolean> {
  const reader = body.getReader();
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (!value) continue;
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
    sink(value);
  }
}

/** The body as text, at most `maxBytes` of UTF-8; `complete` is false when it was longer. */
export async function readBoundedText(body: BodyStream, maxBytes: number): Promise<{ text: string; complete: boolean }> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const complete = await readBounded(body, maxBytes, (chunk) => parts.push(decoder.decode(chunk, { stream: true })));
  parts.push(decoder.decode());
  return { text: parts.join(''), complete };
}
