import * as vscode from 'vscode';
import { HelpScoutClient } from '../core/client';
import type { FetchLike } from '../core/http';
import { toSafeLabel } from '../core/savedQueryEntry';
import { MAX_TEXT_LENGTH } from '../core/validate';
import { MemoryTokenStore, type Credentials, type TokenStore } from '../core/tokens';
// Types only: the sandbox and its data generator are a chunk of their own (dist/sandbox.js),
// loaded by ensureSandbox() the first time sample data is used.
import type { Sandbox } from '../sandbox/server';
import { NotSignedInError } from './failures';
import { AccountSecrets, type AccountInfo } from './secretStore';
import type { RedactingLog } from './log';
import { readSettings } from './settings';

export type SessionMode = 'signedOut' | 'account' | 'sample';

const SAMPLE_MODE_KEY = 'helpscout.sampleMode';

/**
 * Who the extension talks to: nobody, the signed-in Help Scout account, or the in-process
 * sample-data sandbox. Owns the HelpScoutClient for the current mode.
 */
export class HelpScoutSession implements vscode.Disposable {
  private currentMode: SessionMode = 'signedOut';
  private account: AccountInfo | undefined;
  private accountClient: HelpScoutClient | undefined;
  private sample: { sandbox: Sandbox; client: HelpScoutClient; account: AccountInfo } | undefined;
  private sampleStarting: Promise<NonNullable<HelpScoutSession['sample']>> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<SessionMode>();
  readonly onDidChange = this.changeEmitter.event;
  private initialized: Promise<void> | undefined;
  private readonly signOutSteps: Array<(accountId: number) => Promise<void>> = [];

  constructor(
    private readonly globalState: vscode.Memento,
    readonly secrets: AccountSecrets,
    private readonly log: RedactingLog,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {}

  get mode(): SessionMode {
    return this.currentMode;
  }

  get isSample(): boolean {
    return this.currentMode === 'sample';
  }

  /** The account shown in the view: the signed-in user, or the sandbox's demo user. */
  get accountInfo(): AccountInfo | undefined {
    return this.currentMode === 'sample' ? this.sample?.account ?? this.account : this.account;
  }

  /** Reads the stored account once (SecretStorage), outside activation's critical path. */
  initialize(): Promise<void> {
    this.initialized ??= this.loadState();
    return this.initialized;
  }

  private async loadState(): Promise<void> {
    this.account = await this.secrets.getAccount();
    const sampleWanted = this.globalState.get<boolean>(SAMPLE_MODE_KEY) === true;
    const mode: SessionMode = sampleWanted ? 'sample' : this.account ? 'account' : 'signedOut';
    if (mode === 'sample') {
      // Show the demo identity right away; the sandbox itself starts on first use.
      this.account = undefined;
    }
    this.setMode(mode);
  }

  /** Called when another window changed our secrets. */
  async reloadAfterSecretChange(): Promise<void> {
    this.secrets.forgetCache();
    this.accountClient = undefined;
    const account = await this.secrets.getAccount();
    const previous = this.account?.id;
    if (previous !== undefined && previous !== account?.id) await this.forgetAccountData(previous);
    this.account = account;
    if (this.currentMode !== 'sample') this.setMode(account ? 'account' : 'signedOut');
    else this.changeEmitter.fire(this.currentMode);
  }

  /** Settings such as the base URL changed: build the next client from them. */
  settingsChanged(): void {
    this.accountClient = undefined;
  }

  async client(): Promise<HelpScoutClient> {
    await this.initialize();
    switch (this.currentMode) {
      case 'sample':
        return (await this.ensureSandbox()).client;
      case 'account':
        this.accountClient ??= this.createClient(readSettings().apiBaseUrl, this.secrets, () => this.secrets.getCredentials());
        return this.accountClient;
      default:
        throw new NotSignedInError();
    }
  }

  /** Verifies App ID and App Secret by getting a token and `users/me`, then stores them. */
  async signInWithClientCredentials(appId: string, appSecret: string): Promise<AccountInfo> {
    this.log.addSecret(appSecret);
    const tokens = new MemoryTokenStore();
    const credentials: Credentials = { kind: 'clientCredentials', appId, appSecret };
    const probe = this.createClient(readSettings().apiBaseUrl, tokens, async () => credentials);
    const me = await probe.me();
    const account = toAccount(me);
    const token = await tokens.get();
    this.log.addSecret(token?.accessToken);
    await this.secrets.saveClientCredentials(appId, appSecret, token, account);
    await this.leaveSampleIfActive(false);
    this.account = account;
    this.accountClient = undefined;
    this.setMode('account');
    this.log.info(`Signed in to Help Scout as ${account.name}.`);
    return account;
  }

  /** A pasted access token cannot be renewed: when it expires the user signs in again. */
  async signInWithToken(accessToken: string): Promise<AccountInfo> {
    this.log.addSecret(accessToken);
    const token = { accessToken, source: 'pasted' as const };
    const tokens = new MemoryTokenStore(token);
    const probe = this.createClient(readSettings().apiBaseUrl, tokens, async () => ({ kind: 'pastedToken' }));
    const account = toAccount(await probe.me());
    await this.secrets.savePastedToken(token, account);
    await this.leaveSampleIfActive(false);
    this.account = account;
    this.accountClient = undefined;
    this.setMode('account');
    this.log.info(`Signed in to Help Scout with an access token as ${account.name}.`);
    return account;
  }

  /**
   * Registers what else belongs to an account and goes at sign-out (its cached reports), run
   * before signOut() resolves, and when another window signed this account out.
   */
  onSignOut(step: (accountId: number) => Promise<void>): void {
    this.signOutSteps.push(step);
  }

  private async forgetAccountData(accountId: number | undefined): Promise<void> {
    if (accountId === undefined) return;
    for (const step of this.signOutSteps) await step(accountId);
  }

  async signOut(): Promise<void> {
    const accountId = (await this.secrets.getAccount())?.id ?? this.account?.id;
    await this.secrets.clearAll();
    await this.forgetAccountData(accountId);
    this.account = undefined;
    this.accountClient = undefined;
    if (this.currentMode !== 'sample') this.setMode('signedOut');
    this.log.info('Signed out of Help Scout; stored credentials and tokens removed.');
  }

  async enterSampleMode(): Promise<AccountInfo> {
    await this.initialize();
    const sample = await this.ensureSandbox();
    await this.globalState.update(SAMPLE_MODE_KEY, true);
    this.setMode('sample');
    return sample.account;
  }

  async exitSampleMode(): Promise<void> {
    await this.leaveSampleIfActive(true);
  }

  private async leaveSampleIfActive(announce: boolean): Promise<void> {
    await this.globalState.update(SAMPLE_MODE_KEY, undefined);
    await this.stopSandbox();
    if (this.currentMode === 'sample') {
      this.account = await this.secrets.getAccount();
      if (announce) this.setMode(this.account ? 'account' : 'signedOut');
    }
  }

  /** The sandbox's base URL while sample mode runs (for tests and the log). */
  get sampleBaseUrl(): string | undefined {
    return this.sample?.sandbox.baseUrl;
  }

  /** The running sample sandbox, for the integration tests' request counts. */
  get sampleSandbox(): Sandbox | undefined {
    return this.sample?.sandbox;
  }

  private ensureSandbox(): Promise<NonNullable<HelpScoutSession['sample']>> {
    if (this.sample) return Promise.resolve(this.sample);
    this.sampleStarting ??= (async () => {
      const started = Date.now();
      const { startSandbox } = await import('../sandbox/server');
      // The sample company counts in the zone the extension counts in, so its buckets are the user's days.
      const sandbox = await startSandbox({ port: 0, timeZone: () => readSettings().timeZone });
      const credentials: Credentials = { kind: 'clientCredentials', appId: sandbox.appId, appSecret: sandbox.appSecret };
      const client = this.createClient(sandbox.baseUrl, new MemoryTokenStore(), async () => credentials);
      const account = { ...toAccount(await client.me()) };
      this.sample = { sandbox, client, account };
      this.log.info(`Sample-data sandbox listening on ${sandbox.baseUrl} (started in ${Date.now() - started} ms).`);
      return this.sample;
    })().finally(() => {
      this.sampleStarting = undefined;
    });
    return this.sampleStarting;
  }

  private async stopSandbox(): Promise<void> {
    const sample = this.sample ?? (this.sampleStarting ? await this.sampleStarting.catch(() => undefined) : undefined);
    this.sample = undefined;
    if (sample) {
      await sample.sandbox.close();
      this.log.info('Sample-data sandbox stopped.');
    }
  }

  private createClient(baseUrl: string, tokenStore: TokenStore, getCredentials: () => Promise<Credentials | undefined>): HelpScoutClient {
    return new HelpScoutClient({
      baseUrl,
      fetch: this.fetchImpl,
      tokenStore,
      getCredentials,
      logger: this.log,
      timeoutMs: readSettings().requestTimeoutMs,
    });
  }

  private setMode(mode: SessionMode): void {
    this.currentMode = mode;
    void vscode.commands.executeCommand('setContext', 'helpscout.mode', mode);
    this.changeEmitter.fire(mode);
  }

  dispose(): void {
    void this.stopSandbox();
    this.changeEmitter.dispose();
  }
}

function toAccount(me: { id: number; firstName?: string; lastName?: string; email?: string; photoUrl?: string }): AccountInfo {
  const name = toSafeLabel([me.firstName, me.lastName].filter(Boolean).join(' ') || me.email || '', MAX_TEXT_LENGTH, `User ${me.id}`);
  return { id: me.id, name, email: me.email ?? '', photoUrl: me.photoUrl };
}
