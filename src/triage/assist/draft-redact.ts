/**
 * Masks the details of another customer's case in a reused answer. A draft
 * is built from an earlier ticket's final reply, and that reply may name its
 * own amounts, invoice or order numbers and email addresses. Sent as they
 * are, they would disclose another account's data and promise the wrong
 * refund, so each becomes a bracketed placeholder the agent fills in.
 */

/** Placeholders shown to the agent in a draft, kept in one place for translation. */
export const draftPlaceholders = {
  amount: '[amount]',
  reference: '[reference]',
  email: '[email]',
  number: '[number]',
} as const;

const currencyCodes = 'USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|dollars?|euros?|pounds?';
const patterns: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, draftPlaceholders.email],
  [new RegExp(`(?:[$€£¥₹]|\\b(?:${currencyCodes})\\s?)\\s?\\d[\\d,.]*\\d?`, 'gi'), draftPlaceholders.amount],
  [new RegExp(`\\b\\d[\\d,.]*\\s?(?:${currencyCodes})\\b`, 'gi'), draftPlaceholders.amount],
  // Letters then at least four digits, such as INV-2026-66057 or ORD#104233.
  [/\b[A-Z]{2,}[-#]?\d{4,}[\w-]*/g, draftPlaceholders.reference],
  [/\b\d{5,}\b/g, draftPlaceholders.number],
];

/** Replaces amounts, case references, email addresses and long numbers with placeholders. */
export function maskCaseDetails(answer: string): string {
  return patterns.reduce((text, [pattern, placeholder]) => text.replace(pattern, placeholder), answer);
}
