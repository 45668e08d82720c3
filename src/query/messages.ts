/** User-facing error texts of the query language, in one place. */
const quote = (text: string) => JSON.stringify(text);

export const messages = {
  expectedValue: (after: string, column: number) => `Expected a value after ${quote(after)} at column ${column}`,
  expectedFieldBeforeOperator: (operator: string, column: number) =>
    `Expected a field name before ${quote(operator)} at column ${column}`,
  incompleteOperator: (column: number) => `Expected "!=" at column ${column}; "!" alone is not an operator`,
  unterminatedQuote: (column: number) => `Unterminated quoted text starting at column ${column}; add the closing double quote`,
  unexpectedText: (text: string, column: number) => `Unexpected ${quote(text)} at column ${column}`,
  unclosedParenthesis: (column: number) => `Unbalanced parenthesis: "(" at column ${column} is never closed`,
  unopenedParenthesis: (column: number) => `Unbalanced parenthesis: ")" at column ${column} has no matching "("`,
  emptyGroup: (column: number) => `Expected a term inside the parentheses at column ${column}`,
  expectedTermAfter: (keyword: string, column: number) => `Expected a term after ${quote(keyword)} at column ${column}`,
  expectedTermBefore: (keyword: string, column: number) => `Expected a term before ${quote(keyword)} at column ${column}`,
  directiveInGroup: (name: string, column: number) =>
    `${quote(name)} at column ${column} must stand outside parentheses and cannot be negated`,
  duplicateAggregate: (column: number) => `Only one aggregation is allowed; a second one starts at column ${column}`,
  expectedAggregateField: (fn: string, column: number) => `Expected a numeric field after ${quote(fn)} at column ${column}`,
  expectedByField: (column: number) => `Expected a field after "by" at column ${column}`,
  unknownField: (field: string, column: number, suggestion?: string) =>
    `Unknown field ${quote(field)} at column ${column}${suggestion ? `; did you mean ${quote(suggestion)}?` : ''}`,
  operatorNotAllowed: (operator: string, field: string, column: number, allowed: string[]) =>
    `Operator ${quote(operator)} is not allowed for ${quote(field)} at column ${column}; use one of ${allowed.join(' ')}`,
  unknownVocabularyValue: (value: string, field: string, column: number, allowed: string[], suggestion?: string) =>
    `Unknown value ${quote(value)} for ${quote(field)} at column ${column}${suggestion ? `; did you mean ${quote(suggestion)}?` : ''} Allowed: ${allowed.join(', ')}`,
  badNumber: (value: string, field: string, column: number) =>
    `Invalid number ${quote(value)} for ${quote(field)} at column ${column}; use digits with an optional k or m suffix, like 50k`,
  badDate: (value: string, field: string, column: number) =>
    `Invalid date ${quote(value)} for ${quote(field)} at column ${column}; use 2026-11-01, 2026-11-01T09:30:00Z, today, yesterday, this_week, this_month, this_year or a relative amount like 7d`,
  hoursOnDate: (value: string, field: string, column: number) =>
    `${quote(value)} at column ${column} counts hours, but ${quote(field)} holds whole days; use d, w, m or y`,
  badBoolean: (value: string, field: string, column: number) =>
    `Invalid value ${quote(value)} for ${quote(field)} at column ${column}; use true or false`,
  meWithoutActor: (column: number) => `"me" at column ${column} needs a signed-in agent; use an agent email or id instead`,
  singleValueOnly: (operator: string, field: string, column: number) =>
    `Operator ${quote(operator)} on ${quote(field)} at column ${column} takes one value, not a comma-separated list`,
  sortWithAggregate: (column: number) =>
    `Sorting at column ${column} cannot be combined with an aggregation; aggregation rows come in group order`,
  notSortable: (field: string, column: number) => `Field ${quote(field)} at column ${column} cannot be used to sort`,
  notGroupable: (field: string, column: number) => `Field ${quote(field)} at column ${column} cannot be used to group`,
  notMeasurable: (fn: string, field: string, column: number) =>
    `${quote(fn)} needs a numeric field, but ${quote(field)} at column ${column} is not one`,
  emptyText: (column: number) => `Quoted text at column ${column} is empty`,
  badTimeZone: (zone: string) => `Unknown time zone ${quote(zone)}; use an IANA name such as Europe/Paris or UTC`,
  badLimit: (limit: unknown) => `Invalid limit ${quote(String(limit))}; use a whole number from 1 to 1000`,
  badCursor: () => 'Invalid cursor; pass the nextCursor value of the previous page unchanged',
  badAlias: (alias: string) => `Invalid table alias ${quote(alias)}; use lowercase letters, digits and underscores`,
} as const;
