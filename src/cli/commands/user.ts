import { type Command, Option } from 'commander';
import { z } from 'zod';
import { createAgent, generatePassword, passwordMinLength } from '../../auth/index.ts';
import type { Role } from '../../http/actor.ts';
import { CliError, withContext } from '../context.ts';

interface UserCreateOptions {
  email: string;
  name: string;
  role: Role;
  passwordStdin?: boolean;
}

export function registerUserCommand(program: Command) {
  const user = program.command('user').description('Manage agents, the people who sign in to Casebook');

  user
    .command('create')
    .description('Create an agent. The password comes from standard input with --password-stdin, '
      + 'otherwise from a prompt on a terminal. Without a terminal, a random password is generated and printed to stderr.')
    .requiredOption('--email <email>', 'email address the agent signs in with (unique, case-insensitive)')
    .requiredOption('--name <name>', 'display name shown to other agents and customers')
    .addOption(new Option('--role <role>', 'permissions: viewer reads; agent also writes tickets; admin also manages agents and tokens')
      .choices(['admin', 'agent', 'viewer'])
      .makeOptionMandatory())
    .option('--password-stdin', `read the password (at least ${passwordMinLength} characters) from standard input, up to end of input`)
    .action(async (options: UserCreateOptions) => {
      const email = parseEmail(options.email);
      const name = parseName(options.name);
      const { password, generated } = await obtainPassword(options.passwordStdin === true);

      const agent = await withContext((context) => createAgent(context.db, { email, name, role: options.role, password }));

      if (generated) {
        process.stderr.write(`Generated password for ${agent.email}: ${password}\n`);
      }
      process.stdout.write(`Created agent ${agent.id} (role ${agent.role}): ${agent.name} <${agent.email}>\n`);
    });
}

function parseEmail(value: string): string {
  const email = value.trim();
  if (!z.email().safeParse(email).success) {
    throw new CliError(`Invalid --email "${value}": use an address such as ada@example.com`, 2);
  }

  return email;
}

function parseName(value: string): string {
  const name = value.trim();
  if (name === '') {
    throw new CliError('Invalid --name: use a non-empty display name', 2);
  }

  return name;
}

async function obtainPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin && !process.stdin.isTTY) {
    return { password: generatePassword(), generated: true };
  }

  const password = fromStdin ? await readPasswordFromStdin() : await promptNewPassword();
  if (password.length < passwordMinLength) {
    throw new CliError(`The password is too short (${password.length} characters): use at least ${passwordMinLength} characters`, 2);
  }

  return { password, generated: false };
}

/** Reads all of standard input and drops one trailing line break, as `echo secret |` adds one. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function promptNewPassword(): Promise<string> {
  const password = await promptHidden('Password: ');
  const repeated = await promptHidden('Repeat password: ');
  if (password !== repeated) {
    throw new CliError('The two passwords differ: run the command again', 2);
  }

  return password;
}

/** Reads one line from the terminal with echo off. Prompts go to stderr so stdout stays clean. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();

  return new Promise((resolve, reject) => {
    let input = '';

    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) {
        reject(error);
      } else {
        resolve(input);
      }
    };

    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          finish();
          return;
        }
        if (character === '\u0003') {
          finish(new CliError('Password entry cancelled', 1));
          return;
        }
        input = character === '\u007f' || character === '\b' ? input.slice(0, -1) : input + character;
      }
    };

    stdin.on('data', onData);
  });
}
