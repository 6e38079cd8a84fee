/**
 * The sign-in prompts: App ID + App Secret, or a pasted token, checked before anything is sent.
 * A chunk of its own (dist/signInPrompts.js): an activation and a report never need them.
 */
import * as vscode from 'vscode';
import { isHelpScoutError } from '../core/errors';
import type { Commands } from './commands';
import { BACK } from './flow';
import { readSettings } from './settings';

const SIGN_IN_TITLE = 'Sign in to Help Scout';

/**
 * App ID + App Secret (client credentials). Returns true when signed in. When the typed
 * credentials are refused, the App ID is kept and only the secret is asked again, with the
 * reason in the prompt. `args` is for the integration tests (through the test-only build);
 * the command passes none.
 */
export async function signIn(commands: Commands, args?: { appId?: string; appSecret?: string }): Promise<boolean> {
  const { deps } = commands;
  const { flow } = deps.ui();
  let appId = args?.appId?.trim();
  let appSecret = args?.appSecret?.trim();
  const typed = !(appId && appSecret);
  let refused: string | undefined;
  let askAppId = !appId;
  const { apiBaseUrl, apiBaseUrlIgnored } = readSettings();
  if (apiBaseUrlIgnored) deps.log.warn(apiBaseUrlIgnored);
  const where = apiBaseUrlIgnored ? ` Signing in to ${apiBaseUrl}. ${apiBaseUrlIgnored}` : '';
  for (;;) {
    if (askAppId) {
      const answer = await flow.input({ title: SIGN_IN_TITLE, step: 1, totalSteps: 2 }, {
        prompt: `App ID (Help Scout → Your Profile → My apps).${where}`,
        value: appId,
        validate: (text) => validateCredential(text, 'App ID'),
      });
      if (answer === undefined || answer === BACK) return false;
      appId = answer.trim();
      askAppId = false;
    }
    if (!appSecret) {
      const answer = await flow.input({ title: SIGN_IN_TITLE, step: 2, totalSteps: 2 }, {
        prompt: refused ? `${refused} Enter the App Secret again.` : 'App Secret (stored only in VS Code’s secret storage)',
        password: true,
        validate: (text) => validateCredential(text, 'App Secret'),
      });
      if (answer === undefined) return false;
      if (answer === BACK) {
        // Back to the App ID, which keeps what was typed.
        askAppId = true;
        continue;
      }
      appSecret = answer.trim();
    }
    const problem = validateCredential(appId, 'App ID') ?? validateCredential(appSecret, 'App Secret');
    if (problem || !appId || !appSecret) {
      await deps.ui().notify.error(`Help Scout: ${problem ?? 'enter the App ID and App Secret.'}`);
      return false;
    }
    const id = appId;
    const secret = appSecret;
    try {
      const account = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Signing in to Help Scout…' }, () =>
        deps.session.signInWithClientCredentials(id, secret),
      );
      void deps.ui().notify.info(`Help Scout: signed in as ${account.name}${account.email ? ` (${account.email})` : ''}.`);
      return true;
    } catch (error) {
      if (!typed || !(isHelpScoutError(error) && error.kind === 'auth')) {
        await commands.fail(error, 'sign-in failed', undefined);
        return false;
      }
      deps.log.warn(`Sign-in refused: ${error.message}`);
      refused = error.message;
      appSecret = undefined;
    }
  }
}

export async function signInWithToken(commands: Commands, args?: { token?: string }): Promise<boolean> {
  const { deps } = commands;
  let token = args?.token?.trim();
  if (!token) {
    const answer = await deps.ui().flow.input({ title: SIGN_IN_TITLE, step: 1, totalSteps: 1 }, {
      prompt: 'Paste a Help Scout access token. It cannot be renewed: when it expires you will be asked to sign in again.',
      password: true,
      validate: (text) => validateCredential(text, 'Access token'),
    });
    if (answer === undefined || answer === BACK) return false;
    token = answer.trim();
  }
  const problem = validateCredential(token, 'Access token');
  if (problem) {
    await deps.ui().notify.error(`Help Scout: ${problem}`);
    return false;
  }
  const value = token;
  try {
    const account = await deps.session.signInWithToken(value);
    void deps.ui().notify.info(`Help Scout: signed in as ${account.name}.`);
    return true;
  } catch (error) {
    await commands.fail(error, 'sign-in with the access token failed', undefined);
    return false;
  }
}

function validateCredential(text: string | undefined, field: string): string | undefined {
  const value = (text ?? '').trim();
  if (value.length === 0) return `${field} cannot be empty.`;
  if (value.length > 512) return `${field} is longer than 512 characters; paste only the value.`;
  if (/\s/.test(value)) return `${field} cannot contain spaces or line breaks.`;
  return undefined;
}
