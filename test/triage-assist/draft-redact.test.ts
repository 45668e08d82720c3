import { describe, expect, it } from 'vitest';
import { maskCaseDetails } from '../../src/triage/assist/draft-redact.ts';

describe('maskCaseDetails', () => {
  it.each([
    ['the second charge of $16,259.00 was a retry', 'the second charge of [amount] was a retry'],
    ['we refunded EUR 49.90 to your card', 'we refunded [amount] to your card'],
    ['a credit of 120 USD is on the account', 'a credit of [amount] is on the account'],
    ['I have reissued INV-2026-66057 with the corrected details', 'I have reissued [reference] with the corrected details'],
    ['order ORD#104233 ships today', 'order [reference] ships today'],
    ['write to billing@falcon.example for a copy', 'write to [email] for a copy'],
    ['your case 4418823 is closed', 'your case [number] is closed'],
  ])('masks %s', (answer, masked) => {
    expect(maskCaseDetails(answer)).toBe(masked);
  });

  it('keeps versions, status codes and durations', () => {
    const answer = 'Upgrade to 4.2.1: the 504 came from the 60-second limit over TLS1.2 in 2024.';

    expect(maskCaseDetails(answer)).toBe(answer);
  });
});
