import { AppError, shortValue } from '../core/errors.ts';

/**
 * Builds the invalid_input error for a query problem. The message names the
 * column, the offending text and what to write instead, so it is also the fix.
 * The detail's `value` is the offending text itself.
 */
export function queryError(message: string, value: string, field = 'q'): AppError {
  return new AppError('invalid_input', message, [{ field, value: shortValue(value), fix: message }]);
}
