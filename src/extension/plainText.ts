/**
 * VS Code renders `[label](command:…)` in a notification as a link that runs the command, and
 * `$(name)` in notifications and QuickPick items as an icon. Text from the API, an import file or
 * another extension must reach the user as text, so every string shown in a notification, a
 * dialog, a QuickPick or an input box goes through asPlainText (see plainTextInterface in
 * userInterface.ts, the one way the extension reaches those). It breaks the syntax with a space
 * and changes nothing else, so names stay readable: "[Retry](command:x)" → "[Retry] (command:x)".
 */
export function asPlainText(text: string): string {
  if (!text.includes('](') && !text.includes('$(')) return text;
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}
