/**
 * Plain-text surgery on agent replies: separating the greeting and the
 * sign-off from the answer itself, so an old answer can be reused for a new
 * customer and shown as a short excerpt.
 */

const greetingPattern = /^(hi|hello|hey|dear|greetings|good (morning|afternoon|evening))\b/i;
const signOffPattern = /^(best|kind|warm|many)?\s*(regards|wishes|thanks)\b|^(thank you|thanks|cheers|sincerely|all the best|best)\b/i;

/** Greeting and sign-off lines are short; a long line that starts with "Thanks" is part of the answer. */
const maxFrameLineLength = 60;

/** How many lines from the end a sign-off may start. */
const signOffSearchLines = 5;

/** Returns the answer part of a reply: the text between its greeting line and its sign-off. */
export function extractAnswer(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').trim().split('\n');
  let start = 0;
  let end = lines.length;

  if (lines.length > 1 && isGreeting(lines[0])) {
    start = 1;
  }

  for (let index = end - 1; index > start && index >= lines.length - signOffSearchLines; index--) {
    if (isSignOff(lines[index])) {
      end = index;
      break;
    }
  }

  return lines.slice(start, end).join('\n').trim();
}

function isGreeting(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= maxFrameLineLength && greetingPattern.test(trimmed);
}

function isSignOff(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= maxFrameLineLength && signOffPattern.test(trimmed) && !/[?]/.test(trimmed);
}

/**
 * Phrases of a reply that only closes a conversation ("Glad it works, closing
 * this"), which answers nothing a new customer asked.
 */
const closingPattern = /\b(clos(e|ed|ing) (this|the|your) (ticket|one|request|case)|closing (this|it)|glad (it|that|this|the|to hear)|happy to hear|marking (this|it) (as )?(solved|resolved)|i'?ll (mark|close))\b/i;

/** Closing notes are short; a long reply that also says "closing this" still carries an answer. */
const maxClosingNoteWords = 45;

export function isClosingNote(body: string): boolean {
  const answer = extractAnswer(body);
  return answer.split(/\s+/).filter(Boolean).length <= maxClosingNoteWords && closingPattern.test(answer);
}

/**
 * Picks the reply that resolved a ticket from its last agent replies (newest
 * first): the newest one that is not a mere closing note, else the newest.
 */
export function chooseResolution<Reply extends { body: string }>(repliesNewestFirst: Reply[]): Reply | null {
  return repliesNewestFirst.find((reply) => !isClosingNote(reply.body)) ?? repliesNewestFirst[0] ?? null;
}

/** Shortens text to at most maxLength characters at a word boundary, on one line. */
export function excerpt(text: string, maxLength = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) {
    return flat;
  }

  const cut = flat.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');

  return `${lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/** Returns the first word of a person's name, or null when the name is missing or blank. */
export function firstNameOf(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** Replaces every whole-word occurrence of `from` (case-insensitive); an empty `from` changes nothing. */
export function replaceWord(text: string, from: string | null | undefined, to: string): string {
  const needle = from?.trim();
  if (!needle) {
    return text;
  }

  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'giu'), to);
}

/**
 * Removes a name used as a form of address (", Anna" or "Anna, "), then
 * replaces any other occurrence with "you"; a blank name changes nothing.
 */
export function removeAddress(text: string, name: string | null | undefined): string {
  const needle = name?.trim();
  if (!needle) {
    return text;
  }

  const escaped = escapeRegExp(needle);
  const withoutAddress = text
    .replace(new RegExp(`,\\s*${escaped}(?![\\p{L}\\p{N}])`, 'giu'), '')
    .replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped},\\s*`, 'giu'), '');

  return replaceWord(withoutAddress, needle, 'you');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
