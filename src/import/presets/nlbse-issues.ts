import type { ImportMapping } from '../types.ts';
import type { ImportPreset } from './types.ts';

/** GitHub issues from five projects (NLBSE'24 issue-report classification): repo, created_at, label, title, body. */
function issuesMapping(split: string): ImportMapping {
  return {
    fields: { subject: 'title', body: 'body', category: 'label', createdAt: 'created_at', component: 'repo', 'custom.repo': 'repo' },
    values: { category: { bug: 'bug', feature: 'feature_request', question: 'question' } },
    defaults: { channel: 'web', 'custom.split': split },
    // A few issues have an empty body, so the title becomes their first message.
    fillBodyFromSubject: true,
    createComponents: true,
  };
}

export const nlbseIssues: ImportPreset = {
  name: 'nlbse-issues',
  description: 'GitHub issues labelled bug, feature or question; each repository becomes a product component',
  source: 'nlbse-issues',
  files: [
    { name: 'issues_train.csv', mapping: issuesMapping('train') },
    { name: 'issues_test.csv', mapping: issuesMapping('test') },
  ],
};
