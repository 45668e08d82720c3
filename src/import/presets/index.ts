import { banking77 } from './banking77.ts';
import { clinc150 } from './clinc150.ts';
import { endavaTickets } from './endava-tickets.ts';
import { multilangTickets } from './multilang-tickets.ts';
import { nlbseIssues } from './nlbse-issues.ts';
import type { ImportPreset } from './types.ts';

export type { ImportPreset, PresetFile } from './types.ts';

export const presets: Record<string, ImportPreset> = Object.fromEntries(
  [nlbseIssues, endavaTickets, multilangTickets, banking77, clinc150].map((preset) => [preset.name, preset]),
);
