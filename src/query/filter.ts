import { onlyStopWords } from './stop-words.ts';
import type { ComparisonOperator, FilterNode, TermNode, TextNode, ValueNode } from './ast.ts';
import { compileDateComparison, type DateEnv } from './date-terms.ts';
import { queryError } from './errors.ts';
import { messages } from './messages.ts';
import { compileReference } from './references.ts';
import type { FieldDef, FieldRegistry } from './registry.ts';
import { closest } from './suggest.ts';

export interface FilterEnv extends DateEnv {
  registry: FieldRegistry;
  actorId?: number;
}

const orderingOperators = new Set<ComparisonOperator>(['<', '<=', '>', '>=']);

/** Compiles a filter tree to an SQL condition over the tickets alias. */
export function compileFilter(node: FilterNode, env: FilterEnv): string {
  switch (node.type) {
    case 'and':
      return `(${compileAnd(node.operands, env)})`;
    case 'or':
      return `(${node.operands.map((operand) => compileFilter(operand, env)).join(' or ')})`;
    case 'not':
      // A comparison with an empty value is NULL in SQL; counting it as false before negating
      // makes -category:bug include tickets with no category, the exact complement of category:bug.
      return `not coalesce(${compileFilter(node.operand, env)}, false)`;
    case 'text':
      return compileText(node, env);
    case 'term':
      return compileTerm(node, env);
  }
}

/** Finds a field in the registry or throws an error that suggests the nearest name. */
export function lookupField(registry: FieldRegistry, name: string, column: number): FieldDef {
  const field = registry.get(name);
  if (field) return field;

  const suggestion = closest(name, registry.fields().map((candidate) => candidate.name));
  throw queryError(messages.unknownField(name, column, suggestion), name);
}

function compileText(node: TextNode, env: FilterEnv): string {
  const alias = env.sql.alias;
  if (onlyStopWords(node.text)) {
    return 'true';
  }

  // websearch_to_tsquery reads a double-quoted string as a phrase; inner quotes are dropped
  // so the value stays one phrase. Bare words go through plainto_tsquery, which has no syntax.
  const tsquery = node.quoted
    ? `websearch_to_tsquery('english', ${env.sql.bind(`"${node.text.replaceAll('"', ' ')}"`)})`
    : `plainto_tsquery('english', ${env.sql.bind(node.text)})`;

  return `${alias}.search_document @@ ${tsquery}`;
}

interface CheckedTerm {
  field: FieldDef;
  /** The operator with `!=` turned into `:`; `negated` records the change. */
  operator: ComparisonOperator;
  negated: boolean;
  hasNone: boolean;
  /** The values other than `none`. */
  values: ValueNode[];
}

/** Looks up a term's field and checks its operator and values against it. */
function checkTerm(term: TermNode, env: FilterEnv): CheckedTerm {
  const field = lookupField(env.registry, term.field, term.column);

  if (!field.operators.includes(term.operator)) {
    throw queryError(messages.operatorNotAllowed(term.operator, field.name, term.operatorColumn, [...field.operators]), term.operator);
  }
  if (term.values.length > 1 && orderingOperators.has(term.operator)) {
    throw queryError(messages.singleValueOnly(term.operator, field.name, term.values[1].column), term.values[1].text);
  }

  const negated = term.operator === '!=';
  const operator = negated ? ':' : term.operator;
  const isNone = (value: ValueNode) =>
    operator !== '<' && operator !== '<=' && operator !== '>' && operator !== '>=' &&
    !value.quoted && value.text.toLowerCase() === 'none' && !field.terms?.some((term) => term.key === 'none');

  return { field, operator, negated, hasNone: term.values.some(isNone), values: term.values.filter((value) => !isNone(value)) };
}

function compileTerm(term: TermNode, env: FilterEnv): string {
  const { field, operator, negated, hasNone, values } = checkTerm(term, env);

  const parts: string[] = [];
  if (hasNone) parts.push(noneCheck(field, env));
  if (values.length > 0) parts.push(field.linked ? compileLinkedValues(field, operator, values, env) : compileValues(field, operator, values, env));

  const condition = parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
  return negated ? `not coalesce(${condition}, false)` : condition;
}

/**
 * Compiles the operands of an AND. Plain comparisons on the same linked table
 * (account.tier:enterprise account.health<60) share one semi-join, because each
 * id names one row, so `id in (A) and id in (B)` equals `id in (A and B)`.
 * One semi-join instead of several keeps the planner's join search small.
 */
function compileAnd(operands: FilterNode[], env: FilterEnv): string {
  const parts: string[] = [];
  const groups = new Map<string, { linked: NonNullable<FieldDef['linked']>; conditions: string[]; index: number }>();

  for (const operand of operands) {
    const checked = operand.type === 'term' ? checkTerm(operand, env) : undefined;
    const linked = checked?.field.linked;
    if (!checked || !linked || checked.negated || checked.hasNone || checked.values.length === 0) {
      parts.push(compileFilter(operand, env));
      continue;
    }

    const condition = compileValues({ ...checked.field, expression: linked.expression }, checked.operator, checked.values, env);
    const group = groups.get(linked.table) ?? { linked, conditions: [], index: parts.push('') - 1 };
    group.conditions.push(condition);
    groups.set(linked.table, group);
  }

  for (const { linked, conditions, index } of groups.values()) {
    parts[index] = linkedSemiJoin(linked, conditions.join(' and '), env);
  }
  return parts.join(' and ');
}

function noneCheck(field: FieldDef, env: FilterEnv): string {
  const expr = field.expression(env.sql);

  return field.kind === 'tags' ? `cardinality(${expr}) = 0` : `${expr} is null`;
}

/**
 * Compiles a comparison on an account or requester field as a semi-join,
 * `t.account_id in (select qa.id from accounts qa where <comparison>)`, so the
 * planner can start from the few matching accounts instead of reading one
 * account per ticket. It is true exactly when the per-ticket subquery form is,
 * and false (not NULL) otherwise, which `-` and `!=` already treat alike.
 */
function compileLinkedValues(field: FieldDef, operator: ComparisonOperator, values: ValueNode[], env: FilterEnv): string {
  const linked = field.linked!;

  return linkedSemiJoin(linked, compileValues({ ...field, expression: linked.expression }, operator, values, env), env);
}

function linkedSemiJoin(linked: NonNullable<FieldDef['linked']>, condition: string, env: FilterEnv): string {
  return `${env.sql.column(linked.ticketColumn)} in (select ${linked.alias}.id from ${linked.table} ${linked.alias} where ${condition})`;
}

function compileValues(field: FieldDef, operator: ComparisonOperator, values: ValueNode[], env: FilterEnv): string {
  const { sql } = env;
  const equality = operator === ':' || operator === '=';

  switch (field.kind) {
    case 'vocabulary': {
      const keys = equality ? values.map((value) => vocabularyKey(field, value)) : orderedKeys(field, operator, values[0]);
      return keys.length === 0 ? 'false' : `${field.expression(sql)} = any(${sql.bind(keys)}::text[])`;
    }
    case 'number': {
      const numbers = values.map((value) => parseNumber(field, value));
      if (equality) return `${field.expression(sql)} = any(${sql.bind(numbers)}::numeric[])`;
      return `${field.expression(sql)} ${operator} ${sql.bind(numbers[0])}::numeric`;
    }
    case 'text':
      return `lower(${field.expression(sql)}) = any(${sql.bind(values.map((value) => value.text.toLowerCase()))}::text[])`;
    case 'boolean':
      return `${field.expression(sql)} = any(${sql.bind(values.map((value) => parseBoolean(field, value)))}::boolean[])`;
    case 'tags':
      return `${field.expression(sql)} && ${sql.bind(values.map((value) => value.text))}::text[]`;
    case 'reference':
      return compileReference(field, values, sql, env.actorId);
    case 'timestamp':
    case 'date': {
      const conditions = values.map((value) => compileDateComparison(field, operator, value, env));
      return conditions.length === 1 ? conditions[0] : `(${conditions.join(' or ')})`;
    }
  }
}

/** Resolves a vocabulary value case-insensitively, or throws listing the allowed keys and the closest one. */
function vocabularyKey(field: FieldDef, value: ValueNode): string {
  const terms = field.terms ?? [];
  const key = value.text.toLowerCase();
  if (terms.some((term) => term.key === key)) return key;

  const allowed = terms.map((term) => term.key);
  throw queryError(messages.unknownVocabularyValue(value.text, field.name, value.column, allowed, closest(key, allowed)), value.text);
}

// Vocabulary order is the terms' position: priority<=p2 selects p1 and p2 because p1 comes first.
function orderedKeys(field: FieldDef, operator: ComparisonOperator, value: ValueNode): string[] {
  const key = vocabularyKey(field, value);
  const terms = field.terms ?? [];
  const pivot = terms.find((term) => term.key === key)!.position;
  const keep: Record<string, (position: number) => boolean> = {
    '<': (position) => position < pivot,
    '<=': (position) => position <= pivot,
    '>': (position) => position > pivot,
    '>=': (position) => position >= pivot,
  };

  return terms.filter((term) => keep[operator](term.position)).map((term) => term.key);
}

const numberPattern = /^(-?\d+(?:\.\d+)?)([km])?$/i;

/** Parses 60, 12.5, 50k (50,000) or 1.2m (1,200,000). */
function parseNumber(field: FieldDef, value: ValueNode): number {
  const match = numberPattern.exec(value.text);
  if (!match) throw queryError(messages.badNumber(value.text, field.name, value.column), value.text);

  const scale = { k: 1_000, m: 1_000_000 }[match[2]?.toLowerCase() ?? ''] ?? 1;
  return Math.round(Number(match[1]) * scale * 1e6) / 1e6;
}

function parseBoolean(field: FieldDef, value: ValueNode): boolean {
  const text = value.text.toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;

  throw queryError(messages.badBoolean(value.text, field.name, value.column), value.text);
}
