// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '.cache/', 'test-results/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must stay free of vscode: pass what it needs through an interface.' }],
        patterns: [{ group: ['node:*', '../extension/*', '../sandbox/*'], message: 'src/core runs in plain node and browsers: no Node built-ins, no upper layers.' }],
      }],
    },
  },
  {
    // Untrusted text must not become a link: notifications, dialogs, QuickPicks and input boxes
    // are reached only through UserInterface, which plainTextInterface wraps (see plainText.ts).
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/userInterface.ts', 'src/extension/notifications.ts', 'src/extension/flowUi.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'MemberExpression[property.name=/^(showErrorMessage|showWarningMessage|showInformationMessage|showQuickPick|showInputBox|createQuickPick|createInputBox)$/]',
        message: 'Show messages and prompts through the UserInterface (ui().notify / flow / dialogs): it passes untrusted text through asPlainText.',
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser: talk to the host through src/protocol.ts.' }],
        patterns: [{ group: ['node:*', '../src/extension/*', '../src/sandbox/*'], message: 'The webview knows nothing of the host or HTTP.' }],
      }],
    },
  },
);
