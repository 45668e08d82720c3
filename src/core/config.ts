import path from 'node:path';
import { parse as parsePgConnectionString } from 'pg-connection-string';
import { z } from 'zod';

const postgresUrlExample = 'postgres://user:password@127.0.0.1:5432/casebook, or postgres:///casebook?host=/var/run/postgresql for a Unix socket';

/**
 * Checks a PostgreSQL connection string the way the driver reads it (libpq's
 * URI form), which also accepts forms a WHATWG URL parser rejects, such as
 * `postgres://user@/db?host=/socket/dir`.
 */
function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//i.test(value)) return false;
  try {
    parsePgConnectionString(value);
    return true;
  } catch {
    return false;
  }
}

/** Shows a setting's value in an error without the password a connection string may contain. */
function redacted(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (/KEY|PASSWORD|SECRET/.test(name)) return ' (value hidden)';
  return ` (got ${JSON.stringify(value.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@'))})`;
}

/**
 * Every setting Casebook reads from the environment, validated once at start.
 * No other module reads process.env.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000)
    .describe('TCP port of the HTTP server'),
  HOST: z.string().default('127.0.0.1').describe('Interface the HTTP server binds to'),
  DATABASE_URL: z.string().refine(isPostgresUrl, { message: `use a PostgreSQL connection string such as ${postgresUrlExample}` }).optional()
    .describe('PostgreSQL connection string; when unset, the embedded PGlite database is used'),
  CASEBOOK_DATA: z.string().default('./data').describe('Directory of the embedded database'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASEBOOK_SECURE_COOKIES: z.enum(['true', 'false']).default('false')
    .describe('Mark session cookies Secure; set true behind HTTPS'),
  CASEBOOK_MIGRATE_ON_START: z.enum(['true', 'false']).default('false')
    .describe('Apply pending migrations when serve starts on PostgreSQL'),
  CASEBOOK_SESSION_HOURS: z.coerce.number().positive().default(12).describe('Session lifetime in hours'),
  CASEBOOK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576)
    .describe('Largest accepted request body in bytes'),
  CASEBOOK_DRAFT_API_URL: z.string().url().optional().describe('Base URL of an OpenAI-compatible API (for example http://127.0.0.1:8080/v1) whose /chat/completions rewrites suggested replies; unset keeps retrieval drafts only'),
  CASEBOOK_DRAFT_API_KEY: z.string().min(1).optional().describe('Bearer token for CASEBOOK_DRAFT_API_URL; sensitive, never logged'),
  CASEBOOK_DRAFT_MODEL: z.string().min(1).default('default').describe('Model name sent to CASEBOOK_DRAFT_API_URL'),
  CASEBOOK_DRAFT_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000).describe('Milliseconds to wait for CASEBOOK_DRAFT_API_URL before falling back to the retrieval draft'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in a shell or .env file) means unset, not an invalid value.
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(setVariables);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `  ${name}${redacted(name, setVariables[name])}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }

  return { ...parsed.data, dataDir: path.resolve(parsed.data.CASEBOOK_DATA) };
}
