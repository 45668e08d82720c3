/**
 * Text normalisation shared by the classifier and the retrieval index:
 * markup stripping, issue-template removal and unicode-aware tokenisation.
 */

const htmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Removes HTML tags and decodes the common named and numeric entities. */
export function stripHtml(text: string): string {
  return text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (match, entity: string) => decodeEntity(entity) ?? match);
}

function decodeEntity(entity: string): string | undefined {
  if (entity.startsWith('#x') || entity.startsWith('#X')) {
    return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
  }
  if (entity.startsWith('#')) {
    return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
  }
  return htmlEntities[entity.toLowerCase()];
}

/**
 * Removes GitHub issue-template boilerplate: HTML comments, markdown headings,
 * checkbox lines and "_No response_" placeholders. Template headings such as
 * "### Describe the bug" name the issue type, so a classifier trained with them
 * learns the template rather than the report.
 */
export function stripIssueTemplate(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .split('\n')
    .filter((line) => !isTemplateLine(line))
    .join('\n');
}

function isTemplateLine(line: string): boolean {
  const trimmed = line.trim();

  return /^#{1,6}\s/.test(trimmed) || /^[-*]\s*\[[ xX]?\]/.test(trimmed) || /^_no response_$/i.test(trimmed);
}

const tokenPattern = /[\p{L}\p{M}][\p{L}\p{M}\p{N}_']*|\p{N}+(?:[.,]\p{N}+)*/gu;

/**
 * Splits text into lowercase word tokens. Letters of any script form words,
 * and every number becomes the token "0" so that amounts, ids and dates share
 * one feature instead of scattering over thousands of rare ones.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];

  for (const match of text.toLowerCase().matchAll(tokenPattern)) {
    const token = match[0];
    tokens.push(numberStart.test(token) ? '0' : token.replace(/'+$/, ''));
  }

  return tokens;
}

const numberStart = /^\p{N}/u;
