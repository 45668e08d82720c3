import type { Command } from 'commander';

// TODO: placeholder until the token command lands.
export function registerTokenCommand(_program: Command) {}
