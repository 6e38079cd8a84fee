// `npm start -- --settings f.json`: settings for one run, in the server's Machine settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyCommandLineSettings } from '../../../scripts/vscode/codeServer';

describe('npm start --settings', () => {
  let dir: string;
  const machineFile = () => path.join(dir, 'Machine', 'settings.json');
  const machine = () => JSON.parse(fs.readFileSync(machineFile(), 'utf8')) as Record<string, unknown>;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-settings-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the given settings to Machine settings and touches no User settings', () => {
    assert.deepEqual(applyCommandLineSettings(dir, { 'helpscout.apiBaseUrl': 'http://127.0.0.1:4010' }), ['helpscout.apiBaseUrl']);
    assert.deepEqual(machine(), { 'helpscout.apiBaseUrl': 'http://127.0.0.1:4010' });
    assert.equal(fs.existsSync(path.join(dir, 'User')), false);
  });

  it('a later run without --settings takes them back, and keeps what the user set there', () => {
    applyCommandLineSettings(dir, { 'helpscout.apiBaseUrl': 'http://127.0.0.1:4010', 'helpscout.timeZone': 'UTC' });
    // The user changes one of them in the Remote settings and adds their own.
    fs.writeFileSync(machineFile(), JSON.stringify({ ...machine(), 'helpscout.timeZone': 'Europe/Berlin', 'editor.fontSize': 15 }));
    assert.deepEqual(applyCommandLineSettings(dir, undefined), []);
    assert.deepEqual(machine(), { 'helpscout.timeZone': 'Europe/Berlin', 'editor.fontSize': 15 });
  });

  it('a new --settings replaces the previous run\'s, key by key', () => {
    applyCommandLineSettings(dir, { 'helpscout.apiBaseUrl': 'http://127.0.0.1:4010', 'helpscout.weekStart': 'sunday' });
    applyCommandLineSettings(dir, { 'helpscout.apiBaseUrl': 'http://127.0.0.1:5020' });
    assert.deepEqual(machine(), { 'helpscout.apiBaseUrl': 'http://127.0.0.1:5020' });
  });

  it('refuses, changing nothing, when the Machine settings are not plain JSON', () => {
    fs.mkdirSync(path.join(dir, 'Machine'), { recursive: true });
    const text = '{ // my comment\n "editor.fontSize": 15 }';
    fs.writeFileSync(machineFile(), text);
    assert.throws(() => applyCommandLineSettings(dir, { 'helpscout.timeZone': 'UTC' }), /not a plain JSON object/);
    assert.equal(fs.readFileSync(machineFile(), 'utf8'), text);
  });

  it('creates nothing when there is nothing to apply', () => {
    applyCommandLineSettings(dir, undefined);
    assert.equal(fs.existsSync(machineFile()), false);
  });
});
