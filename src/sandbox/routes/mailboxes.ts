/** GET /v2/mailboxes, /v2/mailboxes/{id}, /v2/mailboxes/{id}/folders. */
import { halPage } from '../hal';
import { apiError, json } from '../reply';
import type { Route, RouteContext } from '../router';
import { folderJson, mailboxJson } from './present';

function page(ctx: RouteContext) {
  return { baseUrl: ctx.baseUrl, path: ctx.url.pathname, query: ctx.url.searchParams, pageSize: ctx.pageSize };
}

function findMailbox(ctx: RouteContext) {
  return ctx.dataset.mailboxes.find((m) => String(m.id) === ctx.params[0]);
}

function listMailboxes(ctx: RouteContext) {
  return halPage('mailboxes', ctx.dataset.mailboxes.map((m) => mailboxJson(m, ctx.baseUrl)), page(ctx));
}

function oneMailbox(ctx: RouteContext) {
  const mailbox = findMailbox(ctx);
  return mailbox ? json(200, mailboxJson(mailbox, ctx.baseUrl)) : apiError(404, 'Mailbox not found');
}

function listFolders(ctx: RouteContext) {
  const mailbox = findMailbox(ctx);
  if (!mailbox) return apiError(404, 'Mailbox not found');
  const folders = ctx.dataset.folders.filter((f) => f.mailboxId === mailbox.id).map(folderJson);
  return halPage('folders', folders, page(ctx));
}

export const mailboxRoutes: Route[] = [
  { pattern: /^\/v2\/mailboxes$/, kind: 'api', methods: { GET: listMailboxes } },
  { pattern: /^\/v2\/mailboxes\/([^/]+)$/, kind: 'api', methods: { GET: oneMailbox } },
  { pattern: /^\/v2\/mailboxes\/([^/]+)\/folders$/, kind: 'api', methods: { GET: listFolders } },
];
