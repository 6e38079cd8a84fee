/**
 * The one way this webview makes elements: tag, class, attributes and children, where every string
 * child becomes a text node. There is deliberately no way to pass HTML.
 */

export type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Attributes set with setAttribute (values are plain strings, never markup). */
  attrs?: Record<string, string | undefined>;
  text?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) if (value !== undefined) node.setAttribute(name, value);
  }
  if (props.text !== undefined) node.textContent = props.text;
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A vscode-button (imported per component in main.ts) with a text label and a click handler. */
export function button(
  label: string,
  onClick: () => void,
  options: { secondary?: boolean; title?: string; className?: string } = {},
): HTMLElement {
  const node = el('vscode-button', {
    className: options.className,
    attrs: { title: options.title, 'aria-label': options.title ? `${label}: ${options.title}` : undefined },
    text: label,
  });
  if (options.secondary) node.setAttribute('secondary', '');
  node.addEventListener('click', onClick);
  return node;
}
