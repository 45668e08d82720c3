import type { Command } from 'commander';
import { registerEvalCommand } from './eval.ts';
import { registerHealthCommand } from './health.ts';
import { registerTrainCommand } from './train.ts';

export function registerExtraCommands(program: Command) {
  registerEvalCommand(program);
  registerHealthCommand(program);
  registerTrainCommand(program);
}
