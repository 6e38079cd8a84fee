/**
 * The metric switch of the report panel: what the snapshot says about the figure shown, the
 * choices the subject allows, and the one message that asks for another. Types and a validator
 * only: no vscode, no DOM.
 */
import { METRICS, type Metric } from '../core/reportSeries';

export interface MetricView {
  id: Metric;
  /** "Replies sent": the title, the card and the axis. */
  label: string;
  unit: { one: string; other: string };
  /** "helped", "sent", "resolved": for the sentence under the figures. */
  verb: string;
  /** How Help Scout counts it, said under the figures. */
  counting: string;
}

export interface MetricChoice {
  id: Metric;
  label: string;
}

export type MetricMessage = { type: 'setMetric'; metric: Metric };

/** The setMetric message, exactly, or undefined. */
export function parseMetricMessage(message: Readonly<Record<string, unknown>>): MetricMessage | undefined {
  const keys = Object.keys(message);
  if (message.type !== 'setMetric' || !keys.every((k) => k === 'type' || k === 'metric')) return undefined;
  const metric = message.metric;
  return typeof metric === 'string' && (METRICS as readonly string[]).includes(metric) ? { type: 'setMetric', metric: metric as Metric } : undefined;
}
