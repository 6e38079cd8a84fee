/** The drill-down's only way to the host: typed posts. The pane and the feature never post themselves. */
import type { Host } from '../../vscodeApi';
import type { Outgoing } from './state';

export interface ConversationLink {
  id: number;
  number: number;
}

export interface DrillActions {
  send(messages: readonly Outgoing[]): void;
  open(link: ConversationLink): void;
  copyLink(link: ConversationLink): void;
  copyNumber(number: number): void;
  copyMarkdown(requestId: number): void;
}

export function drillActions(host: Pick<Host, 'post'>): DrillActions {
  return {
    send: (messages) => messages.forEach((message) => host.post(message)),
    open: (link) => host.post({ type: 'drilldown/openConversation', id: link.id, number: link.number }),
    copyLink: (link) => host.post({ type: 'drilldown/copyLink', id: link.id, number: link.number }),
    copyNumber: (number) => host.post({ type: 'drilldown/copyNumber', number }),
    copyMarkdown: (requestId) => host.post({ type: 'drilldown/copyMarkdown', requestId }),
  };
}
