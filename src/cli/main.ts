import { Command, CommanderError } from 'commander';
import { AppError } from '../core/errors.ts';
import { exitCodeFor } from './context.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerUserCommand } from './commands/user.ts';
import { registerTokenCommand } from './commands/token.ts';
import { registerExtraCommands } from './commands/extra.ts';

const program = new Command()
  .name('casebook')
  .description('Casebook: a support-ticket platform where every ticket carries its customer context')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerMigrateCommand(program);
registerDemoCommand(program);
registerImportCommand(program);
registerUserCommand(program);
registerTokenCommand(program);
registerExtraCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const message = error instanceof AppError ? formatAppError(error) : (error as Error).message;
    process.stderr.write(`casebook: ${message}\n`);
    process.exitCode = exitCodeFor(error);
  }
}

function formatAppError(error: AppError): string {
  const details = error.details.map((detail) => `\n  ${detail.field ?? ''}: ${detail.fix ?? ''}${detail.value !== undefined ? ` (got ${JSON.stringify(detail.value)})` : ''}`);
  return `${error.message}${details.join('')}`;
}
