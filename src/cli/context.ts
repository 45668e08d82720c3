import { loadConfig } from '../core/config.ts';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { DataDirectoryInUseError, migrate, openDatabase, pendingMigrations } from '../store/index.ts';

export interface OpenContextOptions {
  /** Apply pending migrations even on PostgreSQL (the embedded database is always migrated). */
  migrate?: boolean;
  logLevel?: string;
}

/**
 * Opens the configured database for a CLI command. The embedded database is
 * migrated on open so a first run just works; on PostgreSQL a pending
 * migration stops the command unless the caller opts in.
 */
export async function openContext(options: OpenContextOptions = {}): Promise<AppContext> {
  const config = loadConfig();
  const logger = createLogger(options.logLevel ?? config.LOG_LEVEL);
  const db = await openDatabase(config);

  if (db.engine === 'pglite' || options.migrate || config.CASEBOOK_MIGRATE_ON_START === 'true') {
    await migrate(db);
  } else {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      await db.close();
      throw new CliError(`The database has ${pending.length} pending migration(s) (${pending.map((m) => m.name).join(', ')}). Run "casebook migrate" first, or set CASEBOOK_MIGRATE_ON_START=true.`, 3);
    }
  }

  return { config, logger, db };
}

/** Runs fn with an open context and always closes the database afterwards. */
export async function withContext<T>(fn: (context: AppContext) => Promise<T>, options: OpenContextOptions = {}): Promise<T> {
  const context = await openContext(options);
  try {
    return await fn(context);
  } finally {
    await context.db.close();
  }
}

/** An error that the CLI prints without a stack trace, exiting with exitCode. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Exit codes: 0 success, 1 failure, 2 bad usage or input, 3 database not ready. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof DataDirectoryInUseError) return 3;
  if (error instanceof AppError && error.status < 500) return 2;
  return 1;
}
