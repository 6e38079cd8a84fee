/**
 * Shortening text for display: cut on a code point boundary (never half an emoji), with an
 * ellipsis that counts towards the limit, so the result is at most `max` code points.
 */

export interface ClipOptions {
  /** Fold every run of white space (line breaks too) into one space and trim first. */
  oneLine?: boolean;
  /** End a shortened text with "…" (default) or cut it bare. */
  ellipsis?: boolean;
}

export function clipText(text: string, max: number, options: ClipOptions = {}): string {
  const source = options.oneLine ? text.replace(/\s+/gu, ' ').trim() : text;
  // A string of at most `max` UTF-16 units has at most `max` code points: nothing to count.
  if (source.length <= max) return source;
  // Never spread a huge string into an array: only the first max + 1 code points matter.
  const points: string[] = [];
  for (const ch of source) {
    points.push(ch);
    if (points.length > max) break;
  }
  if (points.length <= max) return source;
  if (options.ellipsis === false) return points.slice(0, max).join('');
  return `${points.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
