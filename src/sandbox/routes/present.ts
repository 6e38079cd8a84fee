/** How dataset records look on the wire: the API's fields plus a HAL self link. */
import type { SandboxFolder, SandboxMailbox, SandboxTag, SandboxUser } from '../dataset';

export function userJson(u: SandboxUser, baseUrl: string) {
  return {
    id: u.id,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    role: u.role,
    timezone: u.timezone,
    photoUrl: u.photoUrl,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    type: u.type,
    mention: u.mention,
    initials: u.initials,
    jobTitle: u.jobTitle,
    phone: null,
    alternateEmails: [],
    _links: { self: { href: `${baseUrl}/v2/users/${u.id}` } },
  };
}

export function mailboxJson(m: SandboxMailbox, baseUrl: string) {
  return {
    id: m.id,
    name: m.name,
    slug: m.slug,
    email: m.email,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    _links: {
      self: { href: `${baseUrl}/v2/mailboxes/${m.id}` },
      folders: { href: `${baseUrl}/v2/mailboxes/${m.id}/folders` },
    },
  };
}

export function folderJson(f: SandboxFolder) {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    userId: f.userId,
    totalCount: f.totalCount,
    activeCount: f.activeCount,
    updatedAt: f.updatedAt,
  };
}

export function tagJson(t: SandboxTag, baseUrl: string) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    color: t.color,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    ticketCount: t.ticketCount,
    _links: { self: { href: `${baseUrl}/v2/tags/${t.id}` } },
  };
}
