/**
 * HAL lists as Help Scout sends them: items under `_embedded.<key>` (the whole `_embedded` is
 * omitted when the list is empty), `page: {size, totalElements, totalPages, number}` (1-based),
 * and `_links.next` absent on the last page.
 */
import { describeApiValue, ShapeError } from './responseShape';
import { isRecord } from './plainData';

export interface HalPage<T> {
  items: T[];
  /** From `page.totalPages`, when present and sane. */
  totalPages?: number;
  /** From `page.number` (1-based), when present. */
  number?: number;
  /** `_links.next` is present. */
  hasNext: boolean;
}

/** Parses one page; throws ShapeError naming the path of the first bad item. */
export function parseHalPage<T>(json: unknown, key: string, parseItem: (value: unknown, path: string) => T): HalPage<T> {
  if (!isRecord(json)) throw new ShapeError(`the body is ${describeApiValue(json)}, not an object`);
  const items: T[] = [];
  const embedded = json._embedded;
  if (embedded !== undefined && embedded !== null) {
    if (!isRecord(embedded)) throw new ShapeError(`_embedded is ${describeApiValue(embedded)}, not an object`);
    const list = embedded[key];
    if (list !== undefined && list !== null) {
      if (!Array.isArray(list)) throw new ShapeError(`_embedded.${key} is ${describeApiValue(list)}, not an array`);
      list.forEach((item: unknown, i) => items.push(parseItem(item, `_embedded.${key}[${i}]`)));
    }
  }
  const page: HalPage<T> = { items, hasNext: false };
  if (isRecord(json.page)) {
    const { totalPages, number } = json.page;
    if (typeof totalPages === 'number' && Number.isInteger(totalPages) && totalPages >= 0) page.totalPages = totalPages;
    if (typeof number === 'number' && Number.isInteger(number) && number >= 0) page.number = number;
  }
  const links = json._links;
  page.hasNext = isRecord(links) && isRecord(links.next);
  return page;
}

/** Whether to ask for page `current + 1`. */
export function hasMorePages(page: HalPage<unknown>, current: number): boolean {
  if (page.totalPages !== undefined) return current < page.totalPages;
  return page.hasNext && page.items.length > 0;
}
