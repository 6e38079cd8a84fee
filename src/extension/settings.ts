import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, isAllowedBaseUrl } from '../core/client';
import { isValidTimeZone } from '../core/timeZone';
import { RANGE_PRESETS, type RangePreset, type ResolveContext, type WeekStart } from '../core/query';

export interface HelpScoutSettings {
  apiBaseUrl: string;
  /** Why a configured apiBaseUrl is not used, in words for the log and the sign-in prompt. */
  apiBaseUrlIgnored?: string;
  requestTimeoutMs: number;
  defaultPeriod: RangePreset;
  defaultComparison: 'previousPeriod' | 'previousYear' | 'none';
  weekStart: WeekStart;
  timeZone: string;
}

/** Reads `helpscout.*`, falling back to the defaults for anything out of range. */
export function readSettings(): HelpScoutSettings {
  const config = vscode.workspace.getConfiguration('helpscout');
  const timeout = config.get<number>('requestTimeoutSeconds', 30);
  const period = config.get<string>('defaultPeriod', 'last30Days');
  const comparison = config.get<string>('defaultComparison', 'previousPeriod');
  const baseUrl = readBaseUrl(config);
  return {
    apiBaseUrl: baseUrl.url,
    apiBaseUrlIgnored: baseUrl.ignored,
    requestTimeoutMs: Number.isFinite(timeout) ? Math.min(300, Math.max(5, timeout)) * 1000 : 30_000,
    defaultPeriod: (RANGE_PRESETS as readonly string[]).includes(period) ? (period as RangePreset) : 'last30Days',
    defaultComparison: comparison === 'previousYear' || comparison === 'none' ? comparison : 'previousPeriod',
    weekStart: config.get<string>('weekStart') === 'sunday' ? 'sunday' : 'monday',
    timeZone: configuredZone(config.get<string>('timeZone', '')),
  };
}

/**
 * Where the token is sent, from where a person sets it: User settings, locally or in a remote
 * window (the setting is application-scoped, so VS Code reads it from the user's own settings
 * there too). A workspace or folder value is never used: a repository must not be able to send
 * the token elsewhere. What is ignored is said, not swallowed.
 */
export function readBaseUrl(config: Pick<vscode.WorkspaceConfiguration, 'inspect'>): { url: string; ignored?: string } {
  const inspected = config.inspect<string>('apiBaseUrl');
  const configured = inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULT_BASE_URL;
  const url = safeBaseUrl(configured);
  const notes: string[] = [];
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (fromWorkspace !== undefined && fromWorkspace !== inspected?.globalValue) {
    notes.push(`The workspace's helpscout.apiBaseUrl (${JSON.stringify(String(fromWorkspace).slice(0, 100))}) is ignored: only User settings can change where the token is sent`);
  }
  if (url !== configured.trim().replace(/\/+$/, '')) {
    notes.push(`The helpscout.apiBaseUrl ${JSON.stringify(String(configured).slice(0, 100))} is not an https URL (plain http only for 127.0.0.1/localhost), so ${url} is used`);
  }
  return notes.length > 0 ? { url, ignored: `${notes.join('. ')}.` } : { url };
}

/** An unusable base URL (see isAllowedBaseUrl) falls back to Help Scout itself. */
export function safeBaseUrl(value: string | undefined): string {
  const trimmed = (value ?? '').trim().replace(/\/+$/, '');
  return isAllowedBaseUrl(trimmed) ? trimmed : DEFAULT_BASE_URL;
}

function configuredZone(zone: string | undefined): string {
  return zone && isValidTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What queries are resolved against right now: the clock, the zone and the week start. */
export function resolveContext(): ResolveContext {
  const settings = readSettings();
  return { now: Date.now(), timeZone: settings.timeZone, weekStart: settings.weekStart };
}
