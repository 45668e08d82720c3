import { Badge, type BadgeProps } from '@mantine/core';
import { priorityColors, statusColors } from '../format.ts';

// Mantine clips badge text with an ellipsis, which lets a table column shrink
// a badge to "SOL…"; visible overflow keeps the whole label.
const unclipped = { root: { overflow: 'visible' }, label: { overflow: 'visible' } };

export function StatusBadge({ status, label, ...props }: { status: string; label: string } & BadgeProps) {
  return <Badge variant="light" color={statusColors[status] ?? 'gray'} styles={unclipped} {...props}>{label}</Badge>;
}

export function PriorityBadge({ priority, label, ...props }: { priority: string; label: string } & BadgeProps) {
  return <Badge variant="filled" color={priorityColors[priority] ?? 'gray'} styles={unclipped} {...props}>{label}</Badge>;
}
