import type { Command } from 'commander';
import { registerEvalCommand } from './eval.ts';
import { registerHealthCommand } from './health.ts';

export function registerExtraCommands(program: Command) {
  registerEvalCommand(program);
  registerHealthCommand(program);
}
