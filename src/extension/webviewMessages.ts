import { VIEW_BYS, type ViewBy } from '../core/query';
import type { ExportFormat, RecoveryAction, WebviewToHost } from '../protocol';
import { parseDrilldownFromWebview } from '../protocol/drilldown';
import { parseMetricMessage } from '../protocol/metric';
import { parseTeamFromWebview, parseTeamTable } from '../protocol/team';

const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'markdown'];
const RECOVERY_ACTIONS: readonly RecoveryAction[] = ['signIn', 'editQuery', 'retry', 'openLog', 'comparePlans', 'trySample'];
/** A chart PNG is a few hundred KB; anything far larger is not one. */
const MAX_PNG_DATA_URL_LENGTH = 20 * 1024 * 1024;

/**
 * Checks a message from the webview. The webview is untrusted: anything that is not exactly one
 * of the protocol's messages is refused (undefined) and never acted on.
 */
export function parseWebviewMessage(input: unknown): WebviewToHost | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const message = input as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string') return undefined;
  const keys = Object.keys(message);
  const only = (...allowed: string[]) => keys.every((key) => key === 'type' || allowed.includes(key));
  switch (type) {
    case 'ready':
    case 'refresh':
    case 'editQuery':
      return only() ? { type } : undefined;
    case 'copyTable':
    case 'copyMarkdown': {
      const teamTable = parseTeamTable(message.teamTable);
      if (!only('teamTable') || teamTable === false) return undefined;
      return teamTable ? { type, teamTable } : { type };
    }
    case 'setViewBy':
      return only('viewBy') && isOneOf(message.viewBy, VIEW_BYS) ? { type, viewBy: message.viewBy as ViewBy } : undefined;
    case 'export': {
      const teamTable = parseTeamTable(message.teamTable);
      if (!only('format', 'teamTable') || !isOneOf(message.format, EXPORT_FORMATS) || teamTable === false) return undefined;
      return teamTable ? { type, format: message.format, teamTable } : { type, format: message.format };
    }
    case 'recover':
      return only('action') && isOneOf(message.action, RECOVERY_ACTIONS) ? { type, action: message.action as RecoveryAction } : undefined;
    case 'setMetric':
      return parseMetricMessage(message);
    case 'savePng': {
      const dataUrl = message.dataUrl;
      if (!only('dataUrl') || typeof dataUrl !== 'string' || dataUrl.length > MAX_PNG_DATA_URL_LENGTH) return undefined;
      return /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(dataUrl) ? { type, dataUrl } : undefined;
    }
    case 'team/openPerson':
      return parseTeamFromWebview(message);
    default:
      return type.startsWith('drilldown/') ? parseDrilldownFromWebview(message) : undefined;
  }
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** Decodes a validated PNG data URL and checks the PNG signature. */
export function decodePngDataUrl(dataUrl: string): Uint8Array | undefined {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length > signature.length && signature.every((byte, i) => bytes[i] === byte) ? new Uint8Array(bytes) : undefined;
}
