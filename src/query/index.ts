/**
 * The Casebook ticket query language: text such as
 * `status:open priority:p1 account.health<60 account.renewal<90d` filters,
 * sorts and aggregates tickets. docs/query-language.md describes the language.
 *
 * Pipeline: parseQuery(text) builds a syntax tree with the column of every
 * node. compileQuery(ast, registry, context) checks fields, operators and
 * values against the field registry and returns parameterised SQL.
 * runQuery(db, text, options) does both and runs the statement. Every error
 * is an AppError('invalid_input') naming the column and the offending text.
 *
 * Embedding the filter in another statement (the tickets list route does
 * this): compile with `firstParam` set to one more than the number of
 * parameters already in the statement, and `ticketAlias` set to the tickets
 * alias used there, then append `compiled.params` to the statement's own:
 *
 *   const registry = await loadFieldRegistry(db);
 *   const compiled = compileQuery(parseQuery(q), registry, { actorId, firstParam: 3, ticketAlias: 't' });
 *   if (compiled.kind === 'aggregate') ...reject or run compiled.sql...
 *   db.query(`select ... from tickets t where t.x = $1 and t.y = $2 and ${compiled.where}
 *             order by ${compiled.orderBy}`, [x, y, ...compiled.params]);
 *
 * A statement that uses `where` without `orderBy` (a count) passes only
 * `compiled.params.slice(0, compiled.whereParamCount)`, because PostgreSQL
 * rejects parameters that the statement does not use.
 *
 * `where` and `orderBy` refer only to the tickets alias (linked records are
 * read through subqueries), so the statement needs no extra join.
 */
export type { QueryAst, FilterNode, TermNode, TextNode, SortKey, AggregateNode } from './ast.ts';
export { parseQuery } from './parser.ts';
export { compileQuery, type CompileContext, type CompiledQuery } from './compiler.ts';
export { loadFieldRegistry, type FieldDef, type FieldRegistry, type VocabularyTerm } from './registry.ts';
export { runQuery, type QueryResult, type QueryTicket, type RunQueryOptions } from './run.ts';
export { formatQueryResult, type OutputFormat } from './format.ts';
export { FieldRegistryCache } from './registry-cache.ts';
export { registerQueryRoutes } from './routes.ts';
