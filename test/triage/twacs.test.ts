import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTwacsLabelled, twacsTurnText } from '../../src/triage/eval/twacs.ts';

const fixture = join(import.meta.dirname, '../fixtures/triage/twacs');

describe('TwACS loader', () => {
  it('strips turn markers and masking tokens', () => {
    expect(twacsTurnText('<cust__ __company__ flight __num__ delayed , __twitter_tag__ __cust>')).toBe('flight delayed ,');
  });

  it('reads labelled opening tweets from bzip2', async () => {
    const examples = await readTwacsLabelled(fixture);

    expect(examples).toEqual([
      { text: 'flight delayed three hours again , no updates at the gate', label: 'DELAY' },
      { text: 'my bag never arrived in denver , file ref', label: 'BAGGAGE' },
      { text: 'miles from my last trip are missing #frequentflyer', label: 'REWARDS' },
    ]);
  });

  it('names the missing file', async () => {
    await expect(readTwacsLabelled(join(fixture, 'absent'))).rejects.toThrow('airlines_500onlyb.csv.bz2');
  });
});
