import type { Command } from 'commander';
import { createApiToken, findAgentByEmail } from '../../auth/index.ts';
import { CliError, withContext } from '../context.ts';

interface TokenCreateOptions {
  email: string;
  name: string;
}

export function registerTokenCommand(program: Command) {
  const token = program.command('token').description('Manage API tokens for integrations and scripts');

  token
    .command('create')
    .description('Create an API token that acts as an agent, with its role, and print it alone on stdout. '
      + 'Only its hash is stored, so this is the one time it is shown.')
    .requiredOption('--email <email>', 'email address of the agent the token acts as')
    .option('--name <name>', 'label shown in token listings, to tell tokens apart', 'cli')
    .action(async (options: TokenCreateOptions) => {
      const created = await withContext(async (context) => {
        const agent = await findAgentByEmail(context.db, options.email.trim());
        if (!agent) {
          throw new CliError(`No agent has the email ${options.email}: create one with "casebook user create"`, 2);
        }
        if (!agent.active) {
          throw new CliError(`The agent ${agent.email} is deactivated: reactivate it before creating a token`, 2);
        }

        return createApiToken(context.db, { agentId: agent.id, name: options.name });
      });

      process.stdout.write(`${created.token}\n`);
    });
}
