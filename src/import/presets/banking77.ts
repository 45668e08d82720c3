import type { ImportMapping } from '../types.ts';
import type { ImportPreset } from './types.ts';

/** Single customer messages to a bank with their intent (BANKING77): text, category. */
function messagesMapping(split: string): ImportMapping {
  return {
    fields: { body: 'text', 'custom.intent': 'category' },
    values: {},
    defaults: { category: 'question', channel: 'chat', 'custom.split': split },
    fillSubjectFromBody: true,
  };
}

export const banking77: ImportPreset = {
  name: 'banking77',
  description: 'Customer messages to a bank with one of 77 intents, kept in custom.intent',
  source: 'banking77',
  files: [
    { name: 'train.csv', mapping: messagesMapping('train') },
    { name: 'test.csv', mapping: messagesMapping('test') },
  ],
};
