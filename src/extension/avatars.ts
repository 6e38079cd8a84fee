import { lookup } from 'node:dns/promises';
import { readBounded } from '../core/boundedBody';
import type { Logger } from '../core/logger';
import { isPublicHttpsUrl, isPublicIpAddress } from '../core/publicUrl';

const MAX_AVATAR_BYTES = 256 * 1024;
const TIMEOUT_MS = 5_000;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

/** Every address the system resolver gives for a host name (none when it cannot resolve it). */
export async function lookupAll(hostname: string): Promise<string[]> {
  try {
    return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}

/**
 * Turns a user's photo URL into a `data:` URL the webview's CSP allows (img-src is limited to
 * the extension's own files and data:). The URL comes from the API, so it is fetched only over
 * https and never from this machine or its network (isPublicHttpsUrl; a host name must resolve to
 * public addresses only), without credentials,
 * without following redirects, and its body is streamed and dropped at the cap. Results are
 * remembered per URL; anything unusable yields undefined (initials instead).
 */
export class AvatarCache {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly log: Logger,
    /** Every address a host name resolves to (node's dns.lookup with `all`). */
    private readonly lookupHost: (hostname: string) => Promise<string[]>,
  ) {}

  dataUrl(photoUrl: string | undefined): Promise<string | undefined> {
    if (!photoUrl) return Promise.resolve(undefined);
    if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(photoUrl) && photoUrl.length <= MAX_AVATAR_BYTES * 2) {
      return Promise.resolve(photoUrl);
    }
    if (!isPublicHttpsUrl(photoUrl)) {
      this.log.debug('Avatar not used: not a public https URL.');
      return Promise.resolve(undefined);
    }
    const url = new URL(photoUrl);
    let cached = this.cache.get(url.href);
    if (!cached) {
      cached = this.download(url.href);
      this.cache.set(url.href, cached);
    }
    return cached;
  }

  private async download(href: string): Promise<string | undefined> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      if (!(await this.resolvesPublicly(new URL(href).hostname))) {
        this.log.debug('Avatar not used: its host name resolves to this machine or its network.');
        return undefined;
      }
      const response = await this.fetchImpl(href, { method: 'GET', headers: { Accept: 'image/*' }, signal: abort.signal, redirect: 'manual', credentials: 'omit' });
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const length = Number(response.headers.get('content-length') ?? '0');
      if (response.status !== 200 || !IMAGE_TYPES.test(type) || length > MAX_AVATAR_BYTES || !response.body) {
        void response.body?.cancel().catch(() => undefined);
        this.log.debug(`Avatar not used (status ${response.status}, type ${type || 'none'}).`);
        return undefined;
      }
      const chunks: Uint8Array[] = [];
      const complete = await readBounded(response.body, MAX_AVATAR_BYTES, (chunk) => chunks.push(chunk));
      const body = Buffer.concat(chunks);
      if (!complete || body.byteLength === 0) return undefined;
      return `data:${type};base64,${body.toString('base64')}`;
    } catch (error) {
      this.log.debug(`Avatar not loaded: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A literal IP was checked by isPublicHttpsUrl; a name must not lead into this network either. */
  private async resolvesPublicly(hostname: string): Promise<boolean> {
    if (hostname.startsWith('[') || /^[\d.]+$/.test(hostname)) return true;
    const addresses = await this.lookupHost(hostname);
    return addresses.length > 0 && addresses.every(isPublicIpAddress);
  }
}
