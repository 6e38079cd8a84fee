/**
 * The VS Code theme as the chart needs it: colours read from `--vscode-*` custom properties, the
 * theme kind from <body>'s class, and reduced motion. `readTheme` is pure (give it a property
 * getter); `watchTheme` is the thin DOM part that calls back when the theme changes.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ThemeColors {
  kind: ThemeKind;
  current: string;
  currentFill: string;
  previous: string;
  previousFill: string;
  grid: string;
  axis: string;
  text: string;
  mutedText: string;
  background: string;
  tooltipBackground: string;
  tooltipForeground: string;
  tooltipBorder: string;
  up: string;
  down: string;
  /** One colour per person of a team, cycled (`--vscode-charts-*`). */
  palette: string[];
  fontFamily: string;
  fontSize: number;
}

export interface PropertySource {
  getPropertyValue(name: string): string;
}

export function themeKind(classes: Iterable<string>): ThemeKind {
  const set = new Set(classes);
  if (set.has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (set.has('vscode-high-contrast')) return 'high-contrast';
  if (set.has('vscode-light')) return 'light';
  return 'dark';
}

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` with alpha multiplied by `alpha`; other colours unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let r: number, g: number, b: number, a = 1;
  let m = /^#([0-9a-f]{3,4})$/i.exec(c);
  if (m) {
    const h = m[1]!;
    r = parseInt(h[0]! + h[0]!, 16);
    g = parseInt(h[1]! + h[1]!, 16);
    b = parseInt(h[2]! + h[2]!, 16);
    if (h.length === 4) a = parseInt(h[3]! + h[3]!, 16) / 255;
  } else if ((m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(c))) {
    const h = m[1]!;
    r = parseInt(h.slice(0, 2), 16);
    g = parseInt(h.slice(2, 4), 16);
    b = parseInt(h.slice(4, 6), 16);
    if (m[2]) a = parseInt(m[2], 16) / 255;
  } else if ((m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c))) {
    r = Number(m[1]);
    g = Number(m[2]);
    b = Number(m[3]);
    if (m[4]) a = m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  } else {
    return c;
  }
  const out = Math.max(0, Math.min(1, a * alpha));
  return `rgba(${r}, ${g}, ${b}, ${Number(out.toFixed(3))})`;
}

const FALLBACK: Record<'light' | 'dark', Record<string, string>> = {
  light: {
    blue: '#1a85ff',
    orange: '#d18616',
    purple: '#652d90',
    yellow: '#bf8803',
    foreground: '#616161',
    lines: '#61616180',
    green: '#388a34',
    red: '#e51400',
    text: '#3b3b3b',
    background: '#ffffff',
  },
  dark: {
    blue: '#3794ff',
    orange: '#d18616',
    purple: '#b180d7',
    yellow: '#cca700',
    foreground: '#cccccc',
    lines: '#cccccc80',
    green: '#89d185',
    red: '#f14c4c',
    text: '#cccccc',
    background: '#1f1f1f',
  },
};

/** The order a team's people take the chart colours in: the most distinct first. */
const PALETTE = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'] as const;

export function readTheme(props: PropertySource, classes: Iterable<string>): ThemeColors {
  const kind = themeKind(classes);
  const fb = FALLBACK[kind === 'light' || kind === 'high-contrast-light' ? 'light' : 'dark'];
  const get = (name: string, fallback: string): string => props.getPropertyValue(name).trim() || fallback;
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';

  const text = get('--vscode-editor-foreground', get('--vscode-foreground', fb.text!));
  const chartsForeground = get('--vscode-charts-foreground', fb.foreground!);
  const current = get('--vscode-charts-blue', fb.blue!);
  const lines = get('--vscode-charts-lines', fb.lines!);
  const background = get('--vscode-editor-background', fb.background!);
  const fontSize = parseFloat(get('--vscode-font-size', '13px'));

  return {
    kind,
    current,
    currentFill: highContrast ? 'transparent' : withAlpha(current, 0.14),
    previous: highContrast ? chartsForeground : withAlpha(chartsForeground, 0.75),
    previousFill: highContrast ? 'transparent' : withAlpha(chartsForeground, 0.16),
    grid: highContrast ? withAlpha(lines, 0.6) : withAlpha(lines, 0.35),
    axis: lines,
    text,
    mutedText: get('--vscode-descriptionForeground', chartsForeground),
    background,
    tooltipBackground: get('--vscode-editorHoverWidget-background', get('--vscode-editorWidget-background', background)),
    tooltipForeground: get('--vscode-editorHoverWidget-foreground', text),
    tooltipBorder: get('--vscode-editorHoverWidget-border', get('--vscode-contrastBorder', lines)),
    up: get('--vscode-charts-green', fb.green!),
    down: get('--vscode-charts-red', fb.red!),
    palette: PALETTE.map((name) => get(`--vscode-charts-${name}`, fb[name]!)),
    fontFamily: get('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 13,
  };
}

/** Reduced motion: VS Code's own setting (body class) or the OS preference. */
export function prefersReducedMotion(classes: Iterable<string>, mediaMatches: boolean): boolean {
  return mediaMatches || new Set(classes).has('vscode-reduce-motion');
}

/**
 * Calls `onChange` when VS Code switches theme (body class) or rewrites its variables (the style
 * attribute on <html>), and when the OS reduced-motion preference flips. Returns a disposer.
 */
export function watchTheme(onChange: () => void): () => void {
  let queued = false;
  const fire = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      onChange();
    });
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  const media = window.matchMedia('(prefers-reduced-motion: reduce)');
  media.addEventListener('change', fire);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', fire);
  };
}
