import assert from 'node:assert/strict';
import { prefersReducedMotion, readTheme, themeKind, withAlpha } from '../../../webview/theme';

const props = (vars: Record<string, string>) => ({ getPropertyValue: (name: string) => vars[name] ?? '' });

describe('webview/theme', () => {
  it('knows the theme from the body class', () => {
    assert.equal(themeKind(['vscode-light']), 'light');
    assert.equal(themeKind(['vscode-dark']), 'dark');
    assert.equal(themeKind(['vscode-high-contrast']), 'high-contrast');
    assert.equal(themeKind(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
    assert.equal(themeKind([]), 'dark');
  });

  it('reads chart colours from VS Code variables', () => {
    const t = readTheme(
      props({ '--vscode-charts-blue': ' #1a85ff ', '--vscode-charts-foreground': '#616161', '--vscode-charts-green': '#388a34', '--vscode-editor-background': '#fffffe', '--vscode-font-size': '14px' }),
      ['vscode-light'],
    );
    assert.equal(t.current, '#1a85ff');
    assert.equal(t.up, '#388a34');
    assert.equal(t.background, '#fffffe');
    assert.equal(t.previous, 'rgba(97, 97, 97, 0.75)');
    assert.equal(t.fontSize, 14);
  });

  it('falls back when variables are missing, and drops fills in high contrast', () => {
    const t = readTheme(props({}), ['vscode-high-contrast']);
    assert.equal(t.kind, 'high-contrast');
    assert.equal(t.currentFill, 'transparent');
    assert.equal(t.previousFill, 'transparent');
    assert.ok(t.current.startsWith('#'));
  });

  it('adds alpha to hex and rgb colours, leaves others alone', () => {
    assert.equal(withAlpha('#ff0000', 0.5), 'rgba(255, 0, 0, 0.5)');
    assert.equal(withAlpha('#f00', 0.5), 'rgba(255, 0, 0, 0.5)');
    assert.equal(withAlpha('#ff000080', 0.5), 'rgba(255, 0, 0, 0.251)');
    assert.equal(withAlpha('rgba(1, 2, 3, 0.5)', 0.5), 'rgba(1, 2, 3, 0.25)');
    assert.equal(withAlpha('rgb(1 2 3 / 50%)', 1), 'rgba(1, 2, 3, 0.5)');
    assert.equal(withAlpha('red', 0.5), 'red');
  });

  it('reduced motion from VS Code or the OS', () => {
    assert.equal(prefersReducedMotion(['vscode-dark', 'vscode-reduce-motion'], false), true);
    assert.equal(prefersReducedMotion(['vscode-dark'], true), true);
    assert.equal(prefersReducedMotion(['vscode-dark'], false), false);
  });
});
