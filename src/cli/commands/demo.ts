import type { Command } from 'commander';

// TODO: placeholder until the demo command lands.
export function registerDemoCommand(_program: Command) {}
