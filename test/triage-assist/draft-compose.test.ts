import { describe, expect, it } from 'vitest';
import { chooseAnswer, composeDraft, type AnswerCandidate } from '../../src/triage/assist/draft-compose.ts';
import { excerpt, extractAnswer } from '../../src/triage/assist/reply-text.ts';

function candidate(ticketId: number, score: number, answer: string, names = { customer: 'Anna Schmidt', agent: 'Priya Natarajan', company: 'Acme GmbH' }): AnswerCandidate {
  return {
    origin: { kind: 'ticket', ticketId },
    score,
    body: `Hi ${names.customer.split(' ')[0]},\n\n${answer}\n\nBest regards,\n${names.agent}\nLumen Support`,
    oldNames: names,
  };
}

const exportAnswer = 'The export hit the 60-second render limit. Filter the report to a shorter date range, then export again.';
const vatAnswer = 'I corrected the VAT number on your invoice and sent a new copy to your billing contact.';

describe('extractAnswer', () => {
  it('drops the greeting and the sign-off', () => {
    const body = 'Hi Anna,\n\nFirst line.\nSecond line.\n\nBest regards,\nPriya\nLumen Support';

    expect(extractAnswer(body)).toBe('First line.\nSecond line.');
  });

  it('keeps a long line that starts with thanks', () => {
    const body = 'Thanks for the request id, I can see the failed renders in our logs and will fix the export today.';

    expect(extractAnswer(body)).toBe(body);
  });
});

describe('excerpt', () => {
  it('cuts at a word boundary', () => {
    const text = excerpt('word '.repeat(100), 50);

    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('chooseAnswer', () => {
  it('picks the best neighbour when nobody agrees', () => {
    const chosen = chooseAnswer([candidate(2, 0.4, vatAnswer), candidate(1, 0.9, exportAnswer)]);

    expect(chosen?.answer).toBe(exportAnswer);
    expect(chosen?.supporters.map((supporter) => supporter.origin)).toEqual([{ kind: 'ticket', ticketId: 1 }]);
  });

  it('picks the consensus when agreeing neighbours outscore the best one', () => {
    const chosen = chooseAnswer([
      candidate(1, 0.6, exportAnswer),
      candidate(2, 0.5, vatAnswer),
      candidate(3, 0.45, `${vatAnswer} Sorry for the trouble.`),
    ]);

    expect(chosen?.answer).toBe(vatAnswer);
    expect(chosen?.supporters.map((supporter) => supporter.score)).toEqual([0.5, 0.45]);
  });

  it('returns null without candidates', () => {
    expect(chooseAnswer([])).toBeNull();
  });
});

describe('composeDraft', () => {
  it('fills the new names and removes the old ones', () => {
    const answer = 'Thanks for the details, Anna. Priya Natarajan checked the Acme GmbH workspace: the export hit the render limit.';
    const draft = composeDraft([candidate(1, 0.9, answer)], { customerName: 'Ben Okafor', agentName: 'Sam Lee', companyName: 'Globex' });

    expect(draft?.body).toBe('Hi Ben,\n\nThanks for the details, Ben. Sam Lee checked the Globex workspace: the export hit the render limit.\n\nBest regards,\nSam Lee');
  });

  it('handles missing names', () => {
    const answer = 'Thanks for the details, Anna. The export hit the render limit.';
    const draft = composeDraft([candidate(1, 0.9, answer)], { customerName: null, agentName: null, companyName: null });

    expect(draft?.body).toBe('Hi,\n\nThanks for the details. The export hit the render limit.\n\nBest regards');
    expect(draft?.body).not.toContain('Anna');
    expect(draft?.body).not.toContain('Priya');
  });
});
