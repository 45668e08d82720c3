import type { Command } from 'commander';

// TODO: placeholder until the extra command lands.
export function registerExtraCommands(_program: Command) {}
