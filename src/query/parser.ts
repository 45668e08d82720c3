import type { AggregateFunction, AggregateNode, FilterNode, QueryAst, SortKey, TermNode, ValueNode } from './ast.ts';
import { queryError } from './errors.ts';
import { Lexer, type Token } from './lexer.ts';
import { messages } from './messages.ts';

const sortDirectives = new Set(['sort', 'order_by']);
const aggregateFunctions = new Set<string>(['count', 'avg', 'min', 'max', 'sum']);

/**
 * Parses query text into a syntax tree by recursive descent:
 *
 *   query     := (directive | or)*            top-level items are ANDed
 *   or        := and ("OR" and)*
 *   and       := unary (["AND"] unary)*
 *   unary     := ("NOT" | "-") unary | primary
 *   primary   := "(" or ")" | term | QUOTED | WORD
 *   term      := FIELD OPERATOR value ("," value)*
 *   directive := ("sort" | "order_by") ":" ["-"]FIELD ("," ["-"]FIELD)*
 *              | "count" "by" FIELD | ("avg"|"min"|"max"|"sum") FIELD "by" FIELD
 *
 * AND, OR and NOT are keywords only in capitals. Field names and values are
 * checked later by the compiler against the field registry.
 */
export function parseQuery(text: string): QueryAst {
  return new Parser(text).parse();
}

class Parser {
  private readonly lexer: Lexer;
  private readonly sort: SortKey[] = [];
  private aggregate: AggregateNode | null = null;

  constructor(text: string) {
    this.lexer = new Lexer(text);
  }

  parse(): QueryAst {
    const operands: FilterNode[] = [];

    for (let token = this.lexer.peek(); token.kind !== 'end'; token = this.lexer.peek()) {
      if (token.kind === 'rparen') throw queryError(messages.unopenedParenthesis(token.column), ')');
      if (this.directiveAhead()) {
        this.parseDirective();
        continue;
      }
      operands.push(this.parseOr(false));
    }

    return { filter: combine('and', operands), sort: this.sort, aggregate: this.aggregate };
  }

  private parseOr(inGroup: boolean): FilterNode {
    const operands = [this.parseAnd(inGroup)];

    while (isKeyword(this.lexer.peek(), 'OR')) {
      const keyword = this.lexer.next();
      this.expectTermAfter(keyword);
      operands.push(this.parseAnd(inGroup));
    }

    return combine('or', operands) as FilterNode;
  }

  private parseAnd(inGroup: boolean): FilterNode {
    const operands: FilterNode[] = [];

    for (let token = this.lexer.peek(); token.kind !== 'end' && token.kind !== 'rparen'; token = this.lexer.peek()) {
      if (isKeyword(token, 'OR') || isKeyword(token, 'AND')) {
        if (operands.length === 0) throw queryError(messages.expectedTermBefore(token.text, token.column), token.text);
        if (isKeyword(token, 'OR')) break;
        this.expectTermAfter(this.lexer.next());
        continue;
      }
      if (this.directiveAhead()) {
        if (inGroup) throw queryError(messages.directiveInGroup(token.text, token.column), token.text);
        break;
      }
      operands.push(this.parseUnary());
    }

    if (operands.length === 0) {
      const token = this.lexer.peek();
      throw queryError(messages.unexpectedText(token.text, token.column), token.text);
    }

    return combine('and', operands) as FilterNode;
  }

  private parseUnary(): FilterNode {
    const token = this.lexer.peek();

    if (token.kind === 'minus' || isKeyword(token, 'NOT')) {
      this.lexer.next();
      this.expectTermAfter(token);
      if (this.directiveAhead()) {
        const next = this.lexer.peek();
        throw queryError(messages.directiveInGroup(next.text, next.column), next.text);
      }
      return { type: 'not', operand: this.parseUnary(), column: token.column };
    }

    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    const token = this.lexer.next();

    switch (token.kind) {
      case 'lparen':
        return this.parseGroup(token);
      case 'quoted':
        if (token.text.trim() === '') throw queryError(messages.emptyText(token.column), '""');
        return { type: 'text', text: token.text, quoted: true, column: token.column };
      case 'word':
        if (this.lexer.operatorFollows()) return this.parseTerm(token);
        return { type: 'text', text: token.text, quoted: false, column: token.column };
      case 'operator':
        throw queryError(messages.expectedFieldBeforeOperator(token.text, token.column), token.text);
      case 'rparen':
        throw queryError(messages.unopenedParenthesis(token.column), ')');
      default:
        throw queryError(messages.unexpectedText(token.text, token.column), token.text);
    }
  }

  private parseGroup(open: Token): FilterNode {
    if (this.lexer.peek().kind === 'rparen') throw queryError(messages.emptyGroup(open.column), '()');

    const inner = this.parseOr(true);
    const close = this.lexer.next();
    if (close.kind !== 'rparen') throw queryError(messages.unclosedParenthesis(open.column), '(');

    return inner;
  }

  private parseTerm(field: Token): TermNode {
    const { operator, column: operatorColumn } = this.lexer.readOperatorToken();
    const values = this.readValues(`${field.text}${operator}`);

    return { type: 'term', field: field.text, operator, operatorColumn, values, column: field.column };
  }

  private readValues(prefix: string): ValueNode[] {
    const values = [this.lexer.readValue(prefix)];
    let consumed = prefix + values[0].text;

    while (this.lexer.consumeValueComma()) {
      const value = this.lexer.readValue(`${consumed},`);
      values.push(value);
      consumed = `${consumed},${value.text}`;
    }

    return values;
  }

  /** Throws unless a term can start at the next token. */
  private expectTermAfter(keyword: Token): void {
    const next = this.lexer.peek();
    const ends = next.kind === 'end' || next.kind === 'rparen' || isKeyword(next, 'OR') || isKeyword(next, 'AND');

    if (ends) throw queryError(messages.expectedTermAfter(keyword.text, next.column), keyword.text);
  }

  private directiveAhead(): boolean {
    const [first, second, third] = this.lexer.peekTokens(3);
    if (first?.kind !== 'word') return false;

    const name = first.text.toLowerCase();
    if (sortDirectives.has(name)) return this.lexer.fieldAhead();
    if (!aggregateFunctions.has(name) || this.lexer.fieldAhead()) return false;
    if (isWord(second, 'by')) return true;

    return name !== 'count' && second?.kind === 'word' && isWord(third, 'by');
  }

  private parseDirective(): void {
    const name = this.lexer.next();

    if (sortDirectives.has(name.text.toLowerCase())) {
      this.parseSort(name);
      return;
    }
    if (this.aggregate) throw queryError(messages.duplicateAggregate(name.column), name.text);
    this.aggregate = this.parseAggregate(name);
  }

  private parseSort(name: Token): void {
    const { operator, column } = this.lexer.readOperatorToken();
    if (operator !== ':' && operator !== '=') throw queryError(messages.unexpectedText(operator, column), operator);

    for (const value of this.readValues(`${name.text}${operator}`)) {
      const descending = value.text.startsWith('-');
      const field = descending ? value.text.slice(1) : value.text;
      if (field === '') throw queryError(messages.expectedValue(`${name.text}${operator}-`, value.column + 1), value.text);
      this.sort.push({ field, descending, column: descending ? value.column + 1 : value.column });
    }
  }

  private parseAggregate(name: Token): AggregateNode {
    const fn = name.text.toLowerCase() as AggregateFunction;
    let field: Token | undefined;

    if (fn !== 'count') {
      field = this.lexer.next();
      if (isWord(field, 'by')) throw queryError(messages.expectedAggregateField(name.text, field.column), name.text);
    }
    this.lexer.next();

    const by = this.lexer.next();
    if (by.kind !== 'word' || isKeyword(by, 'OR') || isKeyword(by, 'AND') || isKeyword(by, 'NOT')) {
      throw queryError(messages.expectedByField(by.column), by.text);
    }

    return { fn, field: field?.text, fieldColumn: field?.column, by: by.text, byColumn: by.column, column: name.column };
  }
}

function combine(type: 'and' | 'or', operands: FilterNode[]): FilterNode | null {
  if (operands.length === 0) return null;
  if (operands.length === 1) return operands[0];

  return { type, operands, column: operands[0].column };
}

function isKeyword(token: Token, keyword: 'AND' | 'OR' | 'NOT'): boolean {
  return token.kind === 'word' && token.text === keyword;
}

function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toLowerCase() === word;
}
