import type { Command } from 'commander';
import { registerEvalCommand } from './eval.ts';

export function registerExtraCommands(program: Command) {
  registerEvalCommand(program);
}
