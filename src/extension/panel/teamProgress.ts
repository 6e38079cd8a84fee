import type { TeamProgress } from '../../core/teamReport';

/**
 * What a team load's progress notification shows when `now` arrives after `before`: "7 of 12
 * loaded", and the share of the bar that the people settled since `before` stand for (VS Code
 * adds the increments up to 100).
 */
export function teamProgressStep(before: TeamProgress | undefined, now: TeamProgress): { message: string; increment: number } {
  const done = before?.total === now.total ? before.loaded : 0;
  return { message: `${now.loaded} of ${now.total} loaded`, increment: now.total > 0 ? ((now.loaded - done) / now.total) * 100 : 0 };
}
