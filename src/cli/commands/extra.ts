import type { Command } from 'commander';
import { registerQueryCommand } from './query.ts';

// TODO: placeholder until the extra command lands.
export function registerExtraCommands(program: Command) {
  registerQueryCommand(program);
}
