import type { Command } from 'commander';

// TODO: placeholder until serve lands.
export function registerServeCommand(_program: Command) {}
