import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { migrate, openDatabase } from '../../store/index.ts';

export function registerMigrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (PGlite, or the PostgreSQL in DATABASE_URL)')
    .action(async () => {
      const db = await openDatabase(loadConfig());
      try {
        const applied = await migrate(db);
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date\n');
      } finally {
        await db.close();
      }
    });
}
