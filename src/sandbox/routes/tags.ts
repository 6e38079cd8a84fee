/** GET /v2/tags: every tag, alphabetical by name. */
import { halPage } from '../hal';
import type { Route, RouteContext } from '../router';
import { tagJson } from './present';

function listTags(ctx: RouteContext) {
  const tags = [...ctx.dataset.tags].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return halPage('tags', tags.map((t) => tagJson(t, ctx.baseUrl)), {
    baseUrl: ctx.baseUrl,
    path: ctx.url.pathname,
    query: ctx.url.searchParams,
    pageSize: ctx.pageSize,
  });
}

export const tagRoutes: Route[] = [{ pattern: /^\/v2\/tags$/, kind: 'api', methods: { GET: listTags } }];
