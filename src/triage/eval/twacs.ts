/**
 * TwACS: airline customer-support conversations from Twitter, 491 of them
 * labelled with one of 14 customer intents. The classifier reads the
 * customer's opening tweet, as an agent sees a new ticket. The set ships no
 * split, so it gets the same fixed, seeded, stratified 80/20 split as the
 * other sets without one.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import bzip from 'seek-bzip';
import type { TrainingExample } from '../model.ts';
import { requireFile } from './load.ts';

export const twacsLabelledFile = 'airlines_500onlyb.csv.bz2';

/**
 * Turns a processed TwACS turn into plain text: the turn markers and the
 * redacted-handle and masking tokens carry no intent, so they are removed.
 */
export function twacsTurnText(turn: string): string {
  return turn
    .replace(/<(cust|rep)__|__(cust|rep)>/g, ' ')
    .replace(/__(company|cust|num|initials|twitter_tag)__/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses the labelled file's CSV text into examples of opening tweet and intent, skipping unlabelled rows. */
export function parseTwacsLabelled(csvText: string): TrainingExample[] {
  const rows = parse(csvText, { columns: true, relax_column_count: true }) as Record<string, string>[];

  return rows
    .filter((row) => row.tag && row.tag !== 'UNK')
    .map((row) => ({ text: twacsTurnText(row.first_utterance ?? ''), label: row.tag }));
}

export async function readTwacsLabelled(directory: string): Promise<TrainingExample[]> {
  const compressed = await readFile(await requireFile(directory, twacsLabelledFile));
  return parseTwacsLabelled(bzip.decode(compressed).toString('utf8'));
}
