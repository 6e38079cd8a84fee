/**
 * Text safe inside a table cell, a heading or a link label: no pipes, no line breaks, no raw HTML,
 * and no link or image syntax (a name like `![x](https://…/pixel.png)` would be a tracking pixel
 * in a preview).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\|[\]()!]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');
}
