import type { Plugin } from 'esbuild';

export interface OnDemandChunk {
  entry: string;
  chunk: string;
  owns?: readonly string[];
}

export const ON_DEMAND: ReadonlyArray<OnDemandChunk>;
export function onDemandPlugin(root: string, chunks?: ReadonlyArray<OnDemandChunk>): Plugin;
