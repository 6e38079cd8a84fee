/** GET /v2/users (filters `email`, `mailbox`), /v2/users/me, /v2/users/{id}. */
import { halPage } from '../hal';
import { apiError, json, validationError } from '../reply';
import type { Route, RouteContext } from '../router';
import { userJson } from './present';

function listUsers(ctx: RouteContext) {
  const q = ctx.url.searchParams;
  let users = ctx.dataset.users;
  const email = q.get('email');
  if (email) users = users.filter((u) => u.email.toLowerCase() === email.trim().toLowerCase());
  const mailbox = q.get('mailbox');
  if (mailbox) {
    if (!/^\d{1,15}$/.test(mailbox) || Number(mailbox) < 1) {
      return validationError([{ path: 'mailbox', message: 'must be a positive integer', rejectedValue: mailbox, source: 'query' }]);
    }
    users = users.filter((u) => u.mailboxIds.includes(Number(mailbox)));
  }
  return halPage('users', users.map((u) => userJson(u, ctx.baseUrl)), {
    baseUrl: ctx.baseUrl,
    path: ctx.url.pathname,
    query: q,
    pageSize: ctx.pageSize,
  });
}

function me(ctx: RouteContext) {
  return json(200, userJson(ctx.dataset.me, ctx.baseUrl));
}

function oneUser(ctx: RouteContext) {
  const user = ctx.dataset.users.find((u) => String(u.id) === ctx.params[0]);
  return user ? json(200, userJson(user, ctx.baseUrl)) : apiError(404, 'User not found');
}

export const userRoutes: Route[] = [
  { pattern: /^\/v2\/users$/, kind: 'api', methods: { GET: listUsers } },
  { pattern: /^\/v2\/users\/me$/, kind: 'api', methods: { GET: me } },
  { pattern: /^\/v2\/users\/([^/]+)$/, kind: 'api', methods: { GET: oneUser } },
];
