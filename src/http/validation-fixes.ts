import { type ErrorDetail, shortValue } from '../core/errors.ts';

/** One schema issue as fastify-type-provider-zod reports it: zod's code, path and parameters. */
export interface SchemaIssue {
  keyword?: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** zod's own messages start with these words; any other message was written for the field and is kept. */
const defaultMessagePrefixes = ['Invalid', 'Too big', 'Too small', 'Expected', 'Unrecognized'];

function typeName(expected: unknown): string {
  const name = expected === 'nan' || expected === 'int' ? 'number' : String(expected ?? 'value');
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function boundFix(params: Record<string, unknown>, bound: 'maximum' | 'minimum'): string {
  const limit = params[bound];
  const inclusive = params.inclusive !== false;
  const words = {
    maximum: inclusive ? 'at most' : 'less than',
    minimum: inclusive ? 'at least' : 'more than',
  };
  const word = words[bound];

  switch (params.origin) {
    case 'string':
      return bound === 'minimum' && limit === 1 ? 'send a non-empty string' : `send ${word} ${limit} characters`;
    case 'array':
    case 'set':
      return `send ${word} ${limit} items`;
    default:
      return `send a number ${word} ${limit}`;
  }
}

function formatFix(params: Record<string, unknown>): string {
  switch (params.format) {
    case 'email':
      return 'send an email address such as name@example.com';
    case 'date':
      return 'send a date as YYYY-MM-DD';
    case 'datetime':
      return 'send an ISO 8601 timestamp such as 2026-11-01T09:30:00Z';
    case 'url':
      return 'send an absolute URL';
    default:
      return `send a value in the ${String(params.format ?? 'documented')} format`;
  }
}

/** Says what to send instead, in words a caller can act on. */
function fixFor(issue: SchemaIssue, value: unknown): string {
  const params = issue.params ?? {};
  const custom = issue.message && !defaultMessagePrefixes.some((prefix) => issue.message!.startsWith(prefix));
  if (custom) return issue.message!;

  switch (issue.keyword) {
    case 'invalid_type':
      if (value === undefined) return `this field is required: send ${typeName(params.expected)}`;
      if (fieldFromPointer(issue.instancePath) === '' && typeof value === 'string') return 'send a JSON object with Content-Type: application/json';
      return `send ${typeName(params.expected)}, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`;
    case 'too_big':
      return boundFix(params, 'maximum');
    case 'too_small':
      return boundFix(params, 'minimum');
    case 'invalid_format':
      return formatFix(params);
    case 'invalid_value':
      return `use one of ${(params.values as unknown[] | undefined)?.map(String).join(', ') ?? 'the documented values'}`;
    case 'invalid_union':
      return 'send one of the documented shapes for this field (see /api/docs)';
    default:
      return issue.message ?? 'send a value of the documented type';
  }
}

/** Reads the value at a JSON pointer such as '/requester/email' so an error can echo what was sent. */
function valueAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of pointer.split('/').filter(Boolean)) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function fieldFromPointer(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}

/** Turns schema issues into error details: one per field, each with the value sent and the fix. */
export function detailsForIssues(issues: SchemaIssue[], source: unknown, context: string): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const unknownKeys = issue.params?.keys as string[] | undefined;
    const parent = fieldFromPointer(issue.instancePath);

    if (issue.keyword === 'unrecognized_keys' && unknownKeys?.length) {
      return unknownKeys.map((key) => {
        const field = parent ? `${parent}.${key}` : key;
        return { field, value: shortValue(valueAtPointer(source, `${issue.instancePath}/${key}`)), fix: `remove ${field}: it is not a field of this ${context} (see /api/docs)` };
      });
    }

    const value = valueAtPointer(source, issue.instancePath);
    return [{ field: parent || context, value: shortValue(value), fix: fixFor(issue, value) }];
  });
}
