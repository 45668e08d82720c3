import type { Command } from 'commander';

// TODO: placeholder until the user command lands.
export function registerUserCommand(_program: Command) {}
