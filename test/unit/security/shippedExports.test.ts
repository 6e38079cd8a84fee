import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkShippedExports, walkReachable } from '../../../scripts/security/checkShippedExports';

const root = path.join(__dirname, '..', '..', '..');
const bundle = path.join(root, 'dist', 'extension.js');

describe('security: what other extensions can read from the shipped bundle', function () {
  this.timeout(60_000);

  it('the walk finds a secret hidden in a getter, a Map, a prototype and a closure-free object', () => {
    class Holder {
      private readonly inner = new Map([['k', { token: 'tok-123456' }]]);
      get view() {
        return this.inner;
      }
    }
    const found = walkReachable({ exports: { api: new Holder(), session: 1 } }, ['tok-123456']);
    assert.ok(found.findings.some((f) => f.includes('a secret value')), JSON.stringify(found.findings));
    assert.ok(found.findings.some((f) => f.endsWith('.session: a forbidden key')));
  });

  it('dist/extension.js, activated and signed in with a token in memory, exports nothing that reaches a secret, the session or the prompts', async () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    assert.ok(fs.existsSync(bundle));
    const result = await checkShippedExports(bundle);
    console.log(`      ${result.visited} objects reachable from the exports; keys: ${result.exportedKeys.filter((k) => k.split('.').length === 2).join(', ')}`);
    assert.ok(result.tokenIssued, 'the check ran with a token in memory');
    assert.deepEqual(result.findings, []);
    const shipped = fs.readFileSync(bundle, 'utf8');
    assert.equal(shipped.includes('setUserInterface'), false, 'the shipped bundle has no setUserInterface at all');
    // Nothing of the test support ships: the hostile server's and the stub's own strings are absent.
    for (const marker of ['hostile-app-id', 'stolen-origin-token', '[stub ']) assert.equal(shipped.includes(marker), false, marker);
  });
});
