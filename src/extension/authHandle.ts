import * as vscode from 'vscode';

/** Registers an AuthenticationProvider; a registration failure is logged, not fatal. */
export class AuthenticationProviderHandle implements vscode.Disposable {
  private readonly registration: vscode.Disposable | undefined;

  constructor(id: string, provider: vscode.AuthenticationProvider) {
    try {
      this.registration = vscode.authentication.registerAuthenticationProvider(id, 'Help Scout', provider, { supportsMultipleAccounts: false });
    } catch {
      this.registration = undefined;
    }
  }

  dispose(): void {
    this.registration?.dispose();
  }
}
