import crypto from 'node:crypto';

/** Prefix that marks a Casebook API token, so leaked tokens are easy to recognise in scans. */
export const apiTokenPrefix = 'cb_';

/** `cb_` followed by 32 random bytes in base64url (43 characters). */
export const apiTokenPattern = /^cb_[A-Za-z0-9_-]{43}$/;

/** Number of leading characters of an API token stored in clear, so a listing can tell tokens apart. */
export const apiTokenDisplayLength = 10;

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function newCsrfToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return apiTokenPrefix + crypto.randomBytes(32).toString('base64url');
}

/** Hashes a session or API token for storage; a plain sha256 suffices because the tokens are 256-bit random. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(left: string, right: string): boolean {
  const leftBytes = Buffer.from(left);
  const rightBytes = Buffer.from(right);

  return leftBytes.length === rightBytes.length && crypto.timingSafeEqual(leftBytes, rightBytes);
}
