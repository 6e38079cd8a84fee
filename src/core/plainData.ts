/**
 * Reading plain data that came from outside (JSON from the API, import files, globalState,
 * webview messages) without trusting its shape: what counts as an object, and which of its
 * properties count as present.
 */

/** A non-null, non-array object: something whose properties may be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own data property only: never a getter, never a value inherited from Object.prototype. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d && 'value' in d ? d.value : undefined;
}
