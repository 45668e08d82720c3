import type { ComparisonOperator, ValueNode } from './ast.ts';
import { queryError } from './errors.ts';
import { messages } from './messages.ts';

export type TokenKind = 'word' | 'quoted' | 'operator' | 'lparen' | 'rparen' | 'minus' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

const operatorChars = new Set([':', '=', '!', '<', '>']);
const wordStops = new Set(['(', ')', '"', ',', ...operatorChars]);
const valueStops = new Set(['(', ')', ',']);

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/**
 * A hand-written tokenizer with two modes that the parser switches between.
 * Term mode splits words, operators and parentheses. Value mode, entered right
 * after an operator, reads a value up to whitespace, a parenthesis or a comma,
 * so values such as 2026-11-01T09:30:00Z or a@b.com stay whole.
 */
export class Lexer {
  private index = 0;

  constructor(readonly text: string) {}

  /** Returns the next term-mode token without consuming it. */
  peek(): Token {
    const saved = this.index;
    const token = this.next();
    this.index = saved;

    return token;
  }

  /** Returns up to `count` next term-mode tokens without consuming them. */
  peekTokens(count: number): Token[] {
    const saved = this.index;
    const tokens: Token[] = [];
    try {
      for (let i = 0; i < count; i += 1) tokens.push(this.next());
    } catch {
      // Lookahead may read a value in term mode; an error there is not the user's, so stop looking.
    }
    this.index = saved;

    return tokens;
  }

  /** True when the next token is a word directly followed by an operator, that is a field name. */
  fieldAhead(): boolean {
    const saved = this.index;
    const token = this.next();
    const result = token.kind === 'word' && this.operatorFollows();
    this.index = saved;

    return result;
  }

  next(): Token {
    this.skipSpace();
    const column = this.index + 1;
    const char = this.text[this.index];

    if (char === undefined) return { kind: 'end', text: '', column };
    if (char === '(' || char === ')' || char === ',') {
      this.index += 1;
      const kinds = { '(': 'lparen', ')': 'rparen', ',': 'comma' } as const;
      return { kind: kinds[char], text: char, column };
    }
    if (char === '"') return { kind: 'quoted', text: this.readQuoted(), column };
    if (char === '-' && this.index + 1 < this.text.length && !isSpace(this.text[this.index + 1])) {
      this.index += 1;
      return { kind: 'minus', text: '-', column };
    }
    if (operatorChars.has(char)) return { kind: 'operator', text: this.readOperator(), column };

    return { kind: 'word', text: this.readWhile((c) => !isSpace(c) && !wordStops.has(c)), column };
  }

  /** True when an operator follows immediately, with no space, so the previous word is a field name. */
  operatorFollows(): boolean {
    const char = this.text[this.index];
    return char !== undefined && operatorChars.has(char);
  }

  readOperatorToken(): { operator: ComparisonOperator; column: number } {
    const column = this.index + 1;
    return { operator: this.readOperator(), column };
  }

  /** Reads one value in value mode; `after` is the text before it, for the error message. */
  readValue(after: string): ValueNode {
    const column = this.index + 1;
    const char = this.text[this.index];

    if (char === '"') return { text: this.readQuoted(), quoted: true, column };
    if (char === undefined || isSpace(char) || valueStops.has(char)) {
      throw queryError(messages.expectedValue(after, column), after);
    }

    return { text: this.readWhile((c) => !isSpace(c) && !valueStops.has(c)), quoted: false, column };
  }

  /** Consumes a comma that directly follows a value, as in `priority:p1,p2`. */
  consumeValueComma(): boolean {
    if (this.text[this.index] !== ',') return false;
    this.index += 1;

    return true;
  }

  private readOperator(): ComparisonOperator {
    const column = this.index + 1;
    const pair = this.text.slice(this.index, this.index + 2);

    if (pair === '!=' || pair === '<=' || pair === '>=') {
      this.index += 2;
      return pair;
    }
    const char = this.text[this.index];
    if (char === '!') throw queryError(messages.incompleteOperator(column), '!');
    this.index += 1;

    return char as ComparisonOperator;
  }

  // Quoted text ends at the next unescaped double quote; \" and \\ are the only escapes.
  private readQuoted(): string {
    const start = this.index;
    let result = '';
    this.index += 1;

    while (this.index < this.text.length) {
      const char = this.text[this.index];
      if (char === '\\' && (this.text[this.index + 1] === '"' || this.text[this.index + 1] === '\\')) {
        result += this.text[this.index + 1];
        this.index += 2;
        continue;
      }
      this.index += 1;
      if (char === '"') return result;
      result += char;
    }

    throw queryError(messages.unterminatedQuote(start + 1), this.text.slice(start));
  }

  private readWhile(accept: (char: string) => boolean): string {
    const start = this.index;
    while (this.index < this.text.length && accept(this.text[this.index])) this.index += 1;

    return this.text.slice(start, this.index);
  }

  private skipSpace(): void {
    while (isSpace(this.text[this.index])) this.index += 1;
  }
}
