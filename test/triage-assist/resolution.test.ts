import { describe, expect, it } from 'vitest';
import { chooseResolution, isClosingNote } from '../../src/triage/assist/reply-text.ts';

describe('resolution choice', () => {
  const answer = { body: 'Hi Ana,\n\nGo to Settings > Export and pick UTF-8 as the encoding, then run the export again.\n\nBest regards,\nSam' };
  const closing = { body: 'Hi Ana,\n\nGlad the export works again. Closing this one.\n\nBest,\nSam' };

  it('recognises a short closing note', () => {
    expect(isClosingNote(closing.body)).toBe(true);
    expect(isClosingNote(answer.body)).toBe(false);
  });

  it('skips a closing note for the answer before it', () => {
    expect(chooseResolution([closing, answer])).toBe(answer);
  });

  it('keeps the newest reply when every reply closes', () => {
    expect(chooseResolution([closing, { body: 'Happy to hear that. Closing the ticket.' }])).toBe(closing);
    expect(chooseResolution([])).toBeNull();
  });

  it('keeps a long answer that also closes', () => {
    const long = { body: `${'Set the export encoding to UTF-8 under Settings, then re-run it. '.repeat(6)}Closing this one.` };
    expect(chooseResolution([long, answer])).toBe(long);
  });
});
