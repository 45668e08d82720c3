import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { invalidField } from '../core/errors.ts';
import { messages } from './messages.ts';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keyLength: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** Cost parameters for new hashes; stored hashes carry their own, so these can rise later. */
const defaultParams = { N: 16_384, r: 8, p: 1 };
const saltBytes = 16;
const keyBytes = 32;

/** Upper bounds on stored parameters, so a corrupted or hostile hash cannot exhaust memory. */
const maxN = 1_048_576;
const maxR = 32;
const maxP = 16;

export const passwordMinLength = 10;
export const passwordMaxLength = 1024;

/**
 * Hashes a password with scrypt and a random salt into one self-describing
 * string: `scrypt$N$r$p$salt$hash`, salt and hash in base64url.
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = defaultParams;
  const salt = crypto.randomBytes(saltBytes);
  const hash = await scrypt(password, salt, keyBytes, { N, r, p, maxmem: scryptMemory(N, r) });

  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) {
    return false;
  }

  const { N, r, p, salt, hash } = parsed;
  const candidate = await scrypt(password, salt, hash.length, { N, r, p, maxmem: scryptMemory(N, r) });

  return crypto.timingSafeEqual(candidate, hash);
}

/** Rejects a password that is too short or too long, naming the field and the fix. */
export function assertPasswordPolicy(password: string, field = 'password') {
  if (password.length < passwordMinLength) {
    throw invalidField(field, `(${password.length} characters)`, messages.passwordTooShort(passwordMinLength));
  }
  if (password.length > passwordMaxLength) {
    throw invalidField(field, `(${password.length} characters)`, messages.passwordTooLong(passwordMaxLength));
  }
}

/** Generates a random password for an agent created without one (24 base64url characters). */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

function parseStoredHash(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    return null;
  }

  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const hash = Buffer.from(parts[5], 'base64url');
  const paramsValid = Number.isInteger(N) && Number.isInteger(r) && Number.isInteger(p)
    && N > 1 && N <= maxN && (N & (N - 1)) === 0 && r >= 1 && r <= maxR && p >= 1 && p <= maxP;
  if (!paramsValid || salt.length === 0 || hash.length === 0) {
    return null;
  }

  return { N, r, p, salt, hash };
}

/** scrypt needs about 128 * N * r bytes; Node rejects the call unless maxmem exceeds that. */
function scryptMemory(N: number, r: number): number {
  return 128 * N * r * 2;
}
