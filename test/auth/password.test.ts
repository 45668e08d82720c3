import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../../src/auth/index.ts';

describe('password hashing', () => {
  it('stores scrypt parameters, salt and hash in one string', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');

    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4], 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64url')).toHaveLength(32);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');

    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash differently', async () => {
    const first = await hashPassword('same password here');
    const second = await hashPassword('same password here');

    expect(first).not.toBe(second);
    expect(await verifyPassword('same password here', second)).toBe(true);
  });

  it('rejects malformed stored hashes', async () => {
    const stored = await hashPassword('correct horse battery');
    const hostileCost = stored.replace('$16384$', '$1073741824$');

    expect(await verifyPassword('correct horse battery', 'plain-text')).toBe(false);
    expect(await verifyPassword('correct horse battery', stored.replace('scrypt$', 'bcrypt$'))).toBe(false);
    expect(await verifyPassword('correct horse battery', hostileCost)).toBe(false);
  });

  it('enforces the length policy', () => {
    expect(() => assertPasswordPolicy('123456789')).toThrow(/at least 10 characters/);
    expect(() => assertPasswordPolicy('1234567890')).not.toThrow();
    expect(() => assertPasswordPolicy('x'.repeat(1025))).toThrow(/at most 1024 characters/);
  });
});
