import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AvatarCache } from '../../../src/extension/avatars';
import { silentLogger } from '../../../src/core/logger';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('AvatarCache: photos reach the webview only as data: URLs', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.headers.authorization) res.writeHead(400).end('no credentials expected');
      else if (req.url === '/me.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
      else if (req.url === '/page.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<script>x</script>');
      else if (req.url === '/huge.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(300 * 1024));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads a PNG once and hands back a data: URL', async () => {
    const avatars = new AvatarCache(fetch, silentLogger);
    const first = await avatars.dataUrl(`${base}/me.png`);
    const second = await avatars.dataUrl(`${base}/me.png`);
    assert.equal(first, `data:image/png;base64,${PNG.toString('base64')}`);
    assert.equal(second, first);
    assert.equal(requests.filter((r) => r === '/me.png').length, 1);
  });

  it('refuses what is not a small raster image, and anything not https (but loopback)', async () => {
    const avatars = new AvatarCache(fetch, silentLogger);
    assert.equal(await avatars.dataUrl(`${base}/page.html`), undefined);
    assert.equal(await avatars.dataUrl(`${base}/huge.png`), undefined);
    assert.equal(await avatars.dataUrl(`${base}/missing.png`), undefined);
    assert.equal(await avatars.dataUrl('http://example.invalid/me.png'), undefined);
    assert.equal(await avatars.dataUrl('javascript:alert(1)'), undefined);
    assert.equal(await avatars.dataUrl('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='), undefined);
    assert.equal(await avatars.dataUrl(undefined), undefined);
  });

  it('passes a raster data: URL through untouched', async () => {
    const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`;
    assert.equal(await new AvatarCache(fetch, silentLogger).dataUrl(dataUrl), dataUrl);
  });
});
