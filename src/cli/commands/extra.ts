import type { Command } from 'commander';
import { registerEvalCommand } from './eval.ts';
import { registerHealthCommand } from './health.ts';
import { registerQueryCommand } from './query.ts';
import { registerTrainCommand } from './train.ts';
import { registerTrainEscalationCommand } from './train-escalation.ts';

export function registerExtraCommands(program: Command) {
  registerEvalCommand(program);
  registerHealthCommand(program);
  registerQueryCommand(program);
  registerTrainCommand(program);
  registerTrainEscalationCommand(program);
}
