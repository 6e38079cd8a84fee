import * as assert from 'node:assert/strict';
import { isPublicHttpsUrl, isPublicIpAddress } from '../../../src/core/publicUrl';

describe('security: which photo URLs may be fetched (isPublicHttpsUrl)', () => {
  it('https on a public host name or address: yes (Help Scout photos live on a CDN)', () => {
    for (const url of ['https://d33v4339jhl8k0.cloudfront.net/users/1.jpg', 'https://example.com/p.png', 'https://8.8.8.8/p.png', 'https://[2606:4700::1111]/p.png', 'https://172.32.0.1/x', 'https://100.128.0.1/x']) {
      assert.equal(isPublicHttpsUrl(url), true, url);
    }
  });

  it('anything else: no — http, other schemes, credentials in the URL, this machine and its networks in every spelling', () => {
    for (const url of [
      'http://example.com/p.png', 'javascript:alert(1)', 'file:///etc/passwd', 'data:image/png;base64,AA', 'not a url',
      'https://user:pw@example.com/p.png',
      'https://localhost/p.png', 'https://LOCALHOST./p.png', 'https://a.localhost/p.png',
      'https://127.0.0.1/p.png', 'https://127.1/p.png', 'https://2130706433/p.png', 'https://0x7f.0.0.1/p.png', 'https://0.0.0.0/p.png',
      'https://10.1.2.3/p.png', 'https://172.16.0.1/p.png', 'https://172.31.255.255/p.png', 'https://192.168.1.1/p.png',
      'https://169.254.169.254/latest/meta-data/', 'https://100.64.0.1/p.png', 'https://224.0.0.1/p.png',
      'https://[::1]/p.png', 'https://[::]/p.png', 'https://[::ffff:127.0.0.1]/p.png', 'https://[::ffff:169.254.169.254]/p.png',
      'https://[fe80::1]/p.png', 'https://[fd00::1]/p.png', 'https://[fc12:3456::1]/p.png', 'https://[ff02::1]/p.png',
    ]) {
      assert.equal(isPublicHttpsUrl(url), false, url);
    }
  });
});

describe('security: which resolved addresses are outside this machine and its network (isPublicIpAddress)', () => {
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34', '172.32.0.1', '100.128.0.1']) {
    it(`${address} is public`, () => assert.equal(isPublicIpAddress(address), true));
  }
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not an address', '']) {
    it(`${JSON.stringify(address)} is not`, () => assert.equal(isPublicIpAddress(address), false));
  }
});
