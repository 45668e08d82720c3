/**
 * The syntax tree of a ticket query. Every node carries `column`, the 1-based
 * column of its first character in the query text, so later stages (the
 * compiler's field and value checks) can point at the offending text.
 */
export type ComparisonOperator = ':' | '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface ValueNode {
  text: string;
  quoted: boolean;
  column: number;
}

/** `field<op>value[,value...]`, for example `priority:p1,p2` or `account.arr>=50k`. */
export interface TermNode {
  type: 'term';
  field: string;
  operator: ComparisonOperator;
  operatorColumn: number;
  values: ValueNode[];
  column: number;
}

/** Free text: a bare word or a quoted phrase, matched against the subject and the messages. */
export interface TextNode {
  type: 'text';
  text: string;
  quoted: boolean;
  column: number;
}

export interface NotNode {
  type: 'not';
  operand: FilterNode;
  column: number;
}

export interface AndNode {
  type: 'and';
  operands: FilterNode[];
  column: number;
}

export interface OrNode {
  type: 'or';
  operands: FilterNode[];
  column: number;
}

export type FilterNode = TermNode | TextNode | NotNode | AndNode | OrNode;

export interface SortKey {
  field: string;
  descending: boolean;
  column: number;
}

export type AggregateFunction = 'count' | 'avg' | 'min' | 'max' | 'sum';

/** `count by component` or `avg first_response_minutes by priority`. */
export interface AggregateNode {
  fn: AggregateFunction;
  /** The measured field; absent for count. */
  field?: string;
  fieldColumn?: number;
  by: string;
  byColumn: number;
  column: number;
}

export interface QueryAst {
  /** The filter, or null when the query selects every ticket. */
  filter: FilterNode | null;
  sort: SortKey[];
  aggregate: AggregateNode | null;
}
