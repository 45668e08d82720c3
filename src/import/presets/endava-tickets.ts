import type { ImportPreset } from './types.ts';

/**
 * Endava IT helpdesk e-mails. The codes were never published with meanings.
 * NOTE: urgency 0-3 maps to P1-P4 on the usual ITSM reading that 0 is the
 * most urgent; the data set does not say so.
 */
export const endavaTickets: ImportPreset = {
  name: 'endava-tickets',
  description: 'Anonymised IT support e-mails with category, urgency and impact codes',
  source: 'endava-tickets',
  files: [
    {
      name: 'all_tickets_first5431.csv',
      mapping: {
        fields: {
          subject: 'title',
          body: 'body',
          priority: 'urgency',
          'custom.ticket_type': 'ticket_type',
          'custom.category_code': 'category',
          'custom.sub_category1': 'sub_category1',
          'custom.sub_category2': 'sub_category2',
          'custom.business_service': 'business_service',
          'custom.urgency': 'urgency',
          'custom.impact': 'impact',
        },
        values: { priority: { 0: 'p1', 1: 'p2', 2: 'p3', 3: 'p4' } },
        defaults: { channel: 'email' },
        fillSubjectFromBody: true,
      },
    },
    {
      name: 'latest_ticket_data.csv',
      mapping: {
        fields: { body: 'Description', category: 'Category' },
        values: {},
        defaults: { channel: 'email' },
        fillSubjectFromBody: true,
        categoryTerms: [
          { key: 'application', label: 'Application' },
          { key: 'database', label: 'Database' },
          { key: 'network', label: 'Network' },
          { key: 'security', label: 'Security' },
          { key: 'user_maintenance', label: 'User maintenance' },
        ],
      },
    },
  ],
};
