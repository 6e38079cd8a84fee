import * as vscode from 'vscode';
import type { HelpScoutSession } from './session';

export const AUTH_PROVIDER_ID = 'helpscout';

/**
 * Puts the signed-in Help Scout account into VS Code's Accounts menu, where it can also be
 * signed out. Sign-in itself goes through the extension's own flow (App ID + App Secret).
 */
export class HelpScoutAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private current: vscode.AuthenticationSession | undefined;

  constructor(
    private readonly session: HelpScoutSession,
    private readonly signIn: () => Promise<boolean>,
  ) {}

  /** Recomputes the session after a sign-in, sign-out or a change in another window. */
  async sync(): Promise<void> {
    const next = await this.currentSession();
    const previous = this.current;
    this.current = next;
    if (previous?.id === next?.id && previous?.account.label === next?.account.label) return;
    this.changed.fire({
      added: next && !previous ? [next] : [],
      removed: previous && !next ? [previous] : [],
      changed: previous && next ? [next] : [],
    });
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    this.current = await this.currentSession();
    return this.current ? [this.current] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    if (!(await this.signIn())) throw new Error('Sign-in to Help Scout was cancelled.');
    const session = await this.currentSession();
    if (!session) throw new Error('Sign-in to Help Scout did not complete.');
    await this.sync();
    return session;
  }

  async removeSession(_sessionId: string): Promise<void> {
    await this.session.signOut();
    await this.sync();
  }

  private async currentSession(): Promise<vscode.AuthenticationSession | undefined> {
    await this.session.initialize();
    const account = await this.session.secrets.getAccount();
    if (!account) return undefined;
    const token = await this.session.secrets.get();
    return {
      id: `helpscout-${account.id}`,
      // Other extensions get the token only with the user's consent, as for any provider.
      accessToken: token?.accessToken ?? '',
      // The Accounts menu adds "(Help Scout)" itself; the e-mail address would only crowd it.
      account: { id: String(account.id), label: account.name },
      scopes: [],
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
