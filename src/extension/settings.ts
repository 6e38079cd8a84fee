import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, isAllowedBaseUrl } from '../core/client';
import { isValidTimeZone } from '../core/timeZone';
import { RANGE_PRESETS, type RangePreset, type ResolveContext, type WeekStart } from '../core/query';

export interface HelpScoutSettings {
  apiBaseUrl: string;
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
  return {
    apiBaseUrl: safeBaseUrl(config.get<string>('apiBaseUrl', DEFAULT_BASE_URL)),
    requestTimeoutMs: Number.isFinite(timeout) ? Math.min(300, Math.max(5, timeout)) * 1000 : 30_000,
    defaultPeriod: (RANGE_PRESETS as readonly string[]).includes(period) ? (period as RangePreset) : 'last30Days',
    defaultComparison: comparison === 'previousYear' || comparison === 'none' ? comparison : 'previousPeriod',
    weekStart: config.get<string>('weekStart') === 'sunday' ? 'sunday' : 'monday',
    timeZone: configuredZone(config.get<string>('timeZone', '')),
  };
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
