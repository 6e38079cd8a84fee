import * as vscode from 'vscode';
import type { Credentials, StoredToken, TokenStore } from '../core/tokens';

/** Every secret the extension keeps, all in SecretStorage and nowhere else. */
const SECRET_KEYS = {
  appId: 'helpscout.appId',
  appSecret: 'helpscout.appSecret',
  token: 'helpscout.token',
  account: 'helpscout.account',
} as const;

export interface AccountInfo {
  id: number;
  name: string;
  email: string;
  photoUrl?: string;
}

/**
 * The signed-in account's secrets, cached in memory after the first read. Every secret read or
 * written here is handed to `learn` (the redacting log) first: whatever is in memory, after a
 * reload or a renewal as much as at sign-in, is masked in the log.
 */
export class AccountSecrets implements TokenStore {
  private tokenCache: StoredToken | undefined | null = null;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly learn: (secret: string | undefined) => void = () => undefined,
  ) {}

  /** Another window changed a secret: forget what we cached so the next read sees it. */
  isOwnKey(key: string): boolean {
    return (Object.values(SECRET_KEYS) as string[]).includes(key);
  }

  forgetCache(): void {
    this.tokenCache = null;
  }

  async get(): Promise<StoredToken | undefined> {
    if (this.tokenCache === null) {
      this.tokenCache = parseToken(await this.secrets.get(SECRET_KEYS.token));
      this.learn(this.tokenCache?.accessToken);
    }
    return this.tokenCache;
  }

  async set(token: StoredToken): Promise<void> {
    this.learn(token.accessToken);
    this.tokenCache = token;
    await this.secrets.store(SECRET_KEYS.token, JSON.stringify(token));
  }

  async clear(): Promise<void> {
    this.tokenCache = undefined;
    await this.secrets.delete(SECRET_KEYS.token);
  }

  async getCredentials(): Promise<Credentials | undefined> {
    const [appId, appSecret] = await Promise.all([this.secrets.get(SECRET_KEYS.appId), this.secrets.get(SECRET_KEYS.appSecret)]);
    this.learn(appSecret);
    if (appId && appSecret) return { kind: 'clientCredentials', appId, appSecret };
    const token = await this.get();
    return token?.source === 'pasted' ? { kind: 'pastedToken' } : undefined;
  }

  async saveClientCredentials(appId: string, appSecret: string, token: StoredToken | undefined, account: AccountInfo): Promise<void> {
    this.learn(appSecret);
    await this.secrets.store(SECRET_KEYS.appId, appId);
    await this.secrets.store(SECRET_KEYS.appSecret, appSecret);
    if (token) await this.set(token);
    await this.secrets.store(SECRET_KEYS.account, JSON.stringify(account));
  }

  async savePastedToken(token: StoredToken, account: AccountInfo): Promise<void> {
    await this.secrets.delete(SECRET_KEYS.appId);
    await this.secrets.delete(SECRET_KEYS.appSecret);
    await this.set(token);
    await this.secrets.store(SECRET_KEYS.account, JSON.stringify(account));
  }

  async getAccount(): Promise<AccountInfo | undefined> {
    return parseAccount(await this.secrets.get(SECRET_KEYS.account));
  }

  async clearAll(): Promise<void> {
    this.tokenCache = undefined;
    await Promise.all(Object.values(SECRET_KEYS).map((key) => this.secrets.delete(key)));
  }
}

function parseToken(raw: string | undefined): StoredToken | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredToken>;
    if (typeof value.accessToken !== 'string' || value.accessToken.length === 0) return undefined;
    return {
      accessToken: value.accessToken,
      expiresAt: typeof value.expiresAt === 'number' ? value.expiresAt : undefined,
      issuedAt: typeof value.issuedAt === 'number' ? value.issuedAt : undefined,
      source: value.source === 'pasted' ? 'pasted' : 'clientCredentials',
    };
  } catch {
    return undefined;
  }
}

function parseAccount(raw: string | undefined): AccountInfo | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<AccountInfo>;
    if (typeof value.id !== 'number' || typeof value.name !== 'string' || typeof value.email !== 'string') return undefined;
    return { id: value.id, name: value.name, email: value.email, photoUrl: typeof value.photoUrl === 'string' ? value.photoUrl : undefined };
  } catch {
    return undefined;
  }
}
