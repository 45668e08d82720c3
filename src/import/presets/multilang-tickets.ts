import type { ImportMapping } from '../types.ts';
import type { ImportPreset } from './types.ts';

const tagColumns = (count: number) => Array.from({ length: count }, (_, index) => `tag_${index + 1}`);

/** Synthetic multilingual helpdesk tickets with queue, type, priority, language and the first agent reply. */
function ticketsMapping(tagCount: number, extra: Record<string, string>): ImportMapping {
  return {
    fields: {
      subject: 'subject',
      body: 'body',
      reply: 'answer',
      category: 'type',
      team: 'queue',
      priority: 'priority',
      language: 'language',
      tags: tagColumns(tagCount),
      ...extra,
    },
    values: {
      category: { incident: 'incident', request: 'service_request', problem: 'problem', change: 'change_request' },
      priority: { critical: 'p1', high: 'p2', medium: 'p3', low: 'p4' },
    },
    defaults: { channel: 'email' },
    fillSubjectFromBody: true,
    createTeams: true,
    categoryTerms: [
      { key: 'service_request', label: 'Service request' },
      { key: 'problem', label: 'Problem' },
      { key: 'change_request', label: 'Change request' },
    ],
  };
}

export const multilangTickets: ImportPreset = {
  name: 'multilang-tickets',
  description: 'Multilingual helpdesk tickets: queues become teams and the answer column an agent reply',
  source: 'multilang-tickets',
  files: [
    { name: 'dataset-tickets-multi-lang3-4k.prefix.csv', mapping: ticketsMapping(9, { 'custom.business_type': 'business_type' }) },
    { name: 'aa_dataset-tickets-multi-lang-5-2-50-version.prefix.csv', mapping: ticketsMapping(8, { 'custom.version': 'version' }) },
  ],
};
