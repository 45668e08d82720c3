import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';

describe('loadConfig', () => {
  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: ' ' });

    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('names the variable of an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});

describe('DATABASE_URL', () => {
  it.each([
    'postgres://casebook:secret@127.0.0.1:5432/casebook',
    'postgresql://casebook@db.internal/casebook?application_name=casebook',
    'postgres://postgres@/casebook?host=/var/run/postgresql',
    'postgres:///casebook?host=/var/run/postgresql',
  ])('accepts %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('rejects another scheme with an example of the form', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1/casebook' })).toThrow(/DATABASE_URL \(got "mysql:\/\/root@127.0.0.1\/casebook"\): use a PostgreSQL connection string such as postgres:\/\//);
  });

  it('hides the password of a rejected value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://admin:hunter2@127.0.0.1/casebook' })).toThrow('(got "http://admin:***@127.0.0.1/casebook")');
    expect(() => loadConfig({ DATABASE_URL: 'http://admin:hunter2@127.0.0.1/casebook' })).not.toThrow(/hunter2/);
  });
});
