/** User-facing text of the auth capability: error messages, fixes and CLI output. */
export const messages = {
  passwordTooShort: (min: number) => `use a password of at least ${min} characters`,
  passwordTooLong: (max: number) => `use a password of at most ${max} characters`,

  loginFailed: 'Invalid email or password',
  loginFailedFix: 'check the email and password, or ask an admin to reset the password',
  loginRateLimited: (minutes: number) => `Too many failed login attempts. Try again in ${minutes} minute(s)`,
  loginRateLimitedFix: (minutes: number) => `wait ${minutes} minute(s) before the next attempt, or ask an admin to reset the password`,

  bearerMalformed: 'The Authorization header is not a valid bearer token',
  bearerMalformedFix: 'send "Authorization: Bearer cb_..." with a token from POST /api/v1/tokens or "casebook token create"',
  bearerUnknown: 'The API token is not recognised',
  bearerUnknownFix: 'create a new token with POST /api/v1/tokens or "casebook token create"',
  bearerRevoked: 'The API token was revoked',
  bearerRevokedFix: 'create a new token; a revoked token cannot be restored',
  agentInactive: 'The agent that owns this credential is deactivated',
  agentInactiveFix: 'ask an admin to reactivate the agent',

  csrfMismatch: 'Missing or wrong x-csrf-token header',
  csrfMismatchFix: 'send the csrfToken from POST /api/v1/auth/login or GET /api/v1/auth/me in the x-csrf-token header',

  duplicateEmail: (email: string) => `An agent with email ${email} already exists`,
  duplicateEmailFix: 'use another email address, or update the existing agent',
  lastAdmin: 'This change would leave no active admin',
  lastAdminFix: 'make another agent an active admin first',
  emptyPatch: 'The request changes nothing',
  emptyPatchFix: 'send at least one of name, role, active, password',
} as const;
