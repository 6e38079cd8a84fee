import * as assert from 'node:assert/strict';
import { AvatarCache } from '../../../src/extension/avatars';
import { silentLogger } from '../../../src/core/logger';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const CDN = 'https://cdn.example.test';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

/** A photo CDN standing in for https (there is no TLS here): real Response objects, real streams. */
function cdn(): { fetch: typeof fetch; sent: Sent[]; pulledBytes(): number } {
  const sent: Sent[] = [];
  let pulled = 0;
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    sent.push({ url, init });
    const path = new URL(url).pathname;
    if (new Headers(init?.headers).has('authorization')) return new Response('no credentials expected', { status: 400 });
    if (path === '/me.png') return new Response(PNG, { headers: { 'Content-Type': 'image/png' } });
    if (path === '/page.html') return new Response('<script>x</script>', { headers: { 'Content-Type': 'text/html' } });
    if (path === '/declared-huge.png') return new Response(Buffer.alloc(300 * 1024), { headers: { 'Content-Type': 'image/png' } });
    if (path === '/redirect.png') return new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } });
    if (path === '/endless.png') {
      // Chunked, no Content-Length, 300 MB if read to the end.
      const chunk = new Uint8Array(64 * 1024);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 300 * 1024 * 1024) return controller.close();
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'image/png' } });
    }
    return new Response('', { status: 404 });
  }) as typeof fetch;
  return { fetch: fake, sent, pulledBytes: () => pulled };
}

/** The CDN's name resolves to a public address (example.com's). */
const cdnLookup = async (): Promise<string[]> => ['93.184.216.34'];

describe('AvatarCache: photos reach the webview only as data: URLs', () => {
  it('downloads a PNG once, without credentials and without following redirects, and hands back a data: URL', async () => {
    const server = cdn();
    const avatars = new AvatarCache(server.fetch, silentLogger, cdnLookup);
    const first = await avatars.dataUrl(`${CDN}/me.png`);
    const second = await avatars.dataUrl(`${CDN}/me.png`);
    assert.equal(first, `data:image/png;base64,${PNG.toString('base64')}`);
    assert.equal(second, first);
    assert.equal(server.sent.length, 1);
    assert.equal(server.sent[0]!.init?.redirect, 'manual');
    assert.equal(server.sent[0]!.init?.credentials, 'omit');
  });

  it('refuses what is not a small raster image, and anything not https', async () => {
    const avatars = new AvatarCache(cdn().fetch, silentLogger, cdnLookup);
    assert.equal(await avatars.dataUrl(`${CDN}/page.html`), undefined);
    assert.equal(await avatars.dataUrl(`${CDN}/declared-huge.png`), undefined);
    assert.equal(await avatars.dataUrl(`${CDN}/missing.png`), undefined);
    assert.equal(await avatars.dataUrl('http://example.invalid/me.png'), undefined);
    assert.equal(await avatars.dataUrl('javascript:alert(1)'), undefined);
    assert.equal(await avatars.dataUrl('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='), undefined);
    assert.equal(await avatars.dataUrl(undefined), undefined);
  });

  it('never asks this machine or its network: loopback, private and link-local addresses are refused before any request', async () => {
    const server = cdn();
    const avatars = new AvatarCache(server.fetch, silentLogger, cdnLookup);
    for (const url of ['http://127.0.0.1:4010/me.png', 'https://127.0.0.1/me.png', 'https://localhost/me.png', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/me.png', 'https://192.168.0.10/me.png']) {
      assert.equal(await avatars.dataUrl(url), undefined, url);
    }
    assert.deepEqual(server.sent, []);
  });

  it('a redirect is not followed (a 302 to the cloud metadata address gives initials)', async () => {
    const server = cdn();
    assert.equal(await new AvatarCache(server.fetch, silentLogger, cdnLookup).dataUrl(`${CDN}/redirect.png`), undefined);
    assert.equal(server.sent.length, 1);
  });

  it('a chunked body without Content-Length stops at the 256 KB cap: 300 MB are never read', async () => {
    const server = cdn();
    const before = process.memoryUsage().rss;
    assert.equal(await new AvatarCache(server.fetch, silentLogger, cdnLookup).dataUrl(`${CDN}/endless.png`), undefined);
    const grownMb = (process.memoryUsage().rss - before) / (1024 * 1024);
    console.log(`      read ${(server.pulledBytes() / 1024).toFixed(0)} KB of a 300 MB body; resident memory +${grownMb.toFixed(1)} MB`);
    assert.ok(server.pulledBytes() <= 512 * 1024, `${server.pulledBytes()} bytes pulled`);
  });

  it('passes a raster data: URL through untouched', async () => {
    const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`;
    assert.equal(await new AvatarCache(cdn().fetch, silentLogger, cdnLookup).dataUrl(dataUrl), dataUrl);
  });

  it('a host name that resolves into this machine or its network is refused before any request', async () => {
    const cases: Array<[string, string[]]> = [
      ['loopback', ['127.0.0.1']],
      ['private', ['10.0.0.5']],
      ['cloud metadata', ['169.254.169.254']],
      ['IPv6 loopback', ['::1']],
      ['IPv4-mapped loopback', ['::ffff:127.0.0.1']],
      ['unique local IPv6', ['fd00::1']],
      ['one public, one private', ['93.184.216.34', '192.168.1.2']],
      ['does not resolve', []],
    ];
    for (const [what, addresses] of cases) {
      const server = cdn();
      const asked: string[] = [];
      const avatars = new AvatarCache(server.fetch, silentLogger, async (host) => (asked.push(host), addresses));
      assert.equal(await avatars.dataUrl(`${CDN}/me.png`), undefined, what);
      assert.deepEqual(asked, ['cdn.example.test'], `${what}: the name was looked up`);
      assert.deepEqual(server.sent, [], `${what}: nothing was fetched`);
    }
  });
});
