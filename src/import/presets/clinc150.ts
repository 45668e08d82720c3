import { sectionColumn } from '../json-readers.ts';
import type { ImportMapping } from '../types.ts';
import type { ImportPreset } from './types.ts';

/**
 * Assistant queries with 150 intents plus out-of-scope ("oos"). Each file is
 * an object of splits holding [text, intent] pairs. The small, imbalanced and
 * oos_plus variants resample the same sentences, so the id hashes text and
 * intent only and a sentence met again is an update, not a new ticket.
 */
const queriesMapping: ImportMapping = {
  fields: { body: '0', 'custom.intent': '1', 'custom.split': sectionColumn },
  values: {},
  defaults: { category: 'question', channel: 'chat' },
  fillSubjectFromBody: true,
  idColumns: ['0', '1'],
};

export const clinc150: ImportPreset = {
  name: 'clinc150',
  description: 'Assistant queries with one of 150 intents or out-of-scope, kept in custom.intent',
  source: 'clinc150',
  files: ['data_full.json', 'data_small.json', 'data_imbalanced.json', 'data_oos_plus.json'].map((name) => ({
    name,
    format: 'json' as const,
    mapping: queriesMapping,
  })),
};
