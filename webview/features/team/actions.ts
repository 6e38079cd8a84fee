/** The team view's only way to the host: typed posts. The legend, ranking and tables never post themselves. */
import type { Host } from '../../vscodeApi';

export interface TeamActions {
  /** A ranking row was activated: that person's own report. */
  openPerson(userId: number): void;
}

export function teamActions(host: Pick<Host, 'post'>): TeamActions {
  return { openPerson: (userId) => host.post({ type: 'team/openPerson', userId }) };
}
