/**
 * The host connection: typed `postMessage` plus `getState`/`setState`. `acquireVsCodeApi` may be
 * called only once per page, so everything goes through `connectHost()`.
 */
import type { WebviewToHost } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export function connectHost(): Host {
  let api: VsCodeApi;
  if (typeof acquireVsCodeApi === 'function') {
    api = acquireVsCodeApi();
  } else {
    // Opened outside VS Code (e.g. a plain browser): keep working, tell the console.
    let state: unknown;
    api = {
      postMessage: (message) => console.info('[helpscout] would post', message),
      getState: () => state,
      setState: (next) => (state = next),
    };
  }
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      try {
        return api.getState();
      } catch {
        return undefined;
      }
    },
    setState: (state) => api.setState(state),
  };
}
