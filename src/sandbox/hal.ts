/**
 * HAL list pages as Help Scout sends them: items under `_embedded.<name>` (omitted entirely when
 * the list is empty), a 1-based `page` block, and first/last/next/previous links that keep the
 * request's other query parameters.
 */
import { json, validationError, type Reply } from './reply';

export interface PageRequest {
  baseUrl: string;
  path: string;
  query: URLSearchParams;
  pageSize: number;
}

/** The requested page number, or a 400 reply when `page` is not a positive integer. */
export function requestedPage(query: URLSearchParams): number | Reply {
  const text = query.get('page');
  if (text === null || text === '') return 1;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    return validationError([{ path: 'page', message: 'must be a positive integer', rejectedValue: text, source: 'query' }]);
  }
  return Number(text);
}

export function halPage<T>(name: string, items: readonly T[], request: PageRequest): Reply {
  const page = requestedPage(request.query);
  if (typeof page !== 'number') return page;
  const size = request.pageSize;
  const totalPages = Math.ceil(items.length / size);
  const slice = items.slice((page - 1) * size, page * size);

  const href = (n: number, templated = false) => {
    const q = new URLSearchParams(request.query);
    q.delete('page');
    const rest = q.toString();
    const pagePart = templated ? 'page={page}' : `page=${n}`;
    return `${request.baseUrl}${request.path}?${rest ? `${rest}&` : ''}${pagePart}`;
  };
  const links: Record<string, { href: string; templated?: boolean }> = {
    self: { href: href(page) },
    first: { href: href(1) },
    last: { href: href(Math.max(totalPages, 1)) },
    page: { href: href(0, true), templated: true },
  };
  if (page < totalPages) links.next = { href: href(page + 1) };
  if (page > 1) links.previous = { href: href(Math.min(page - 1, Math.max(totalPages, 1))) };

  const body: Record<string, unknown> = {};
  if (slice.length > 0) body._embedded = { [name]: slice };
  body.page = { size, totalElements: items.length, totalPages, number: page };
  body._links = links;
  return json(200, body);
}
