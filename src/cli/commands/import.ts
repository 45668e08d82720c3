import type { Command } from 'commander';

// TODO: placeholder until the import command lands.
export function registerImportCommand(_program: Command) {}
