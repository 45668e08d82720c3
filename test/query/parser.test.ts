import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { parseQuery } from '../../src/query/index.ts';

function parseError(text: string): AppError {
  try {
    parseQuery(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseQuery', () => {
  it('ands top-level terms with their columns', () => {
    const ast = parseQuery('status:open account.health<60');

    expect(ast.filter).toEqual({
      type: 'and',
      column: 1,
      operands: [
        { type: 'term', field: 'status', operator: ':', operatorColumn: 7, values: [{ text: 'open', quoted: false, column: 8 }], column: 1 },
        { type: 'term', field: 'account.health', operator: '<', operatorColumn: 27, values: [{ text: '60', quoted: false, column: 28 }], column: 13 },
      ],
    });
  });

  it('reads every comparison operator', () => {
    for (const operator of [':', '=', '!=', '<', '<=', '>', '>=']) {
      const ast = parseQuery(`created${operator}7d`);
      expect(ast.filter).toMatchObject({ type: 'term', field: 'created', operator, values: [{ text: '7d' }] });
    }
  });

  it('reads comma-separated values', () => {
    const ast = parseQuery('priority:p1,p2');

    expect(ast.filter).toMatchObject({ values: [{ text: 'p1', column: 10 }, { text: 'p2', column: 13 }] });
  });

  it('keeps timestamps and emails whole', () => {
    expect(parseQuery('created>=2026-11-01T09:30:00Z').filter).toMatchObject({ values: [{ text: '2026-11-01T09:30:00Z' }] });
    expect(parseQuery('assignee:a.b@c.test').filter).toMatchObject({ values: [{ text: 'a.b@c.test' }] });
  });

  it('reads quoted values with escapes', () => {
    const ast = parseQuery('account:"Acme \\"East\\" Ltd"');

    expect(ast.filter).toMatchObject({ values: [{ text: 'Acme "East" Ltd', quoted: true, column: 9 }] });
  });

  it('binds OR looser than AND', () => {
    const ast = parseQuery('a b OR c');

    expect(ast.filter).toMatchObject({
      type: 'or',
      operands: [{ type: 'and', operands: [{ text: 'a' }, { text: 'b' }] }, { type: 'text', text: 'c' }],
    });
  });

  it('reads groups, NOT and minus', () => {
    const ast = parseQuery('(priority:p1 OR priority:p2) NOT status:solved -tag:spam');

    expect(ast.filter).toMatchObject({
      type: 'and',
      operands: [
        { type: 'or', operands: [{ field: 'priority' }, { field: 'priority' }] },
        { type: 'not', column: 30, operand: { field: 'status' } },
        { type: 'not', column: 48, operand: { field: 'tag' } },
      ],
    });
  });

  it('treats lowercase and, or, not as words', () => {
    const ast = parseQuery('cats or dogs');

    expect(ast.filter).toMatchObject({ type: 'and', operands: [{ text: 'cats' }, { text: 'or' }, { text: 'dogs' }] });
  });

  it('reads free text, quoted and bare', () => {
    const ast = parseQuery('"card declined" refund');

    expect(ast.filter).toMatchObject({
      operands: [
        { type: 'text', text: 'card declined', quoted: true, column: 1 },
        { type: 'text', text: 'refund', quoted: false, column: 17 },
      ],
    });
  });

  it('reads sort directives anywhere at top level', () => {
    const ast = parseQuery('sort:priority status:open order_by:-created,id');

    expect(ast.sort).toEqual([
      { field: 'priority', descending: false, column: 6 },
      { field: 'created', descending: true, column: 37 },
      { field: 'id', descending: false, column: 45 },
    ]);
    expect(ast.filter).toMatchObject({ field: 'status' });
  });

  it('reads aggregations', () => {
    expect(parseQuery('status:open count by component').aggregate).toEqual({
      fn: 'count', field: undefined, fieldColumn: undefined, by: 'component', byColumn: 22, column: 13,
    });
    expect(parseQuery('avg first_response_minutes by priority').aggregate).toEqual({
      fn: 'avg', field: 'first_response_minutes', fieldColumn: 5, by: 'priority', byColumn: 31, column: 1,
    });
  });

  it('reads "count" without "by" as free text', () => {
    expect(parseQuery('count').filter).toEqual({ type: 'text', text: 'count', quoted: false, column: 1 });
  });

  it('returns a null filter for an empty query', () => {
    expect(parseQuery('   ')).toEqual({ filter: null, sort: [], aggregate: null });
  });
});

describe('parseQuery errors', () => {
  const cases: [string, string, unknown][] = [
    ['priority:', 'Expected a value after "priority:" at column 10', 'priority:'],
    ['priority: p1', 'Expected a value after "priority:" at column 10', 'priority:'],
    ['priority:p1,', 'Expected a value after "priority:p1," at column 13', 'priority:p1,'],
    ['(status:open', 'Unbalanced parenthesis: "(" at column 1 is never closed', '('],
    ['status:open)', 'Unbalanced parenthesis: ")" at column 12 has no matching "("', ')'],
    ['a (b c', 'Unbalanced parenthesis: "(" at column 3 is never closed', '('],
    ['()', 'Expected a term inside the parentheses at column 1', '()'],
    ['"card declined', 'Unterminated quoted text starting at column 1; add the closing double quote', '"card declined'],
    ['status!open', 'Expected "!=" at column 7; "!" alone is not an operator', '!'],
    [':open', 'Expected a field name before ":" at column 1', ':'],
    ['a OR', 'Expected a term after "OR" at column 5', 'OR'],
    ['OR a', 'Expected a term before "OR" at column 1', 'OR'],
    ['a AND', 'Expected a term after "AND" at column 6', 'AND'],
    ['a NOT', 'Expected a term after "NOT" at column 6', 'NOT'],
    ['(a OR) b', 'Expected a term after "OR" at column 6', 'OR'],
    ['""', 'Quoted text at column 1 is empty', '""'],
    ['(a sort:id)', '"sort" at column 4 must stand outside parentheses and cannot be negated', 'sort'],
    ['-sort:id', '"sort" at column 2 must stand outside parentheses and cannot be negated', 'sort'],
    ['count by status count by team', 'Only one aggregation is allowed; a second one starts at column 17', 'count'],
    ['avg by priority', 'Expected a numeric field after "avg" at column 5', 'avg'],
    ['count by', 'Expected a field after "by" at column 9', ''],
    ['sort:-', 'Expected a value after "sort:-" at column 7', '-'],
    ['sort<id', 'Unexpected "<" at column 5', '<'],
    ['a , b', 'Unexpected "," at column 3', ','],
  ];

  it.each(cases)('rejects %j', (text, message, value) => {
    const error = parseError(text);

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(message);
    expect(error.details[0]).toMatchObject({ field: 'q', value, fix: message });
  });
});
