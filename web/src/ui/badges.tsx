import { Badge, type BadgeProps } from '@mantine/core';
import { priorityColors, statusColors } from '../format.ts';

// Mantine clips badge text with an ellipsis, so a narrow table column shrinks
// a badge to "SOL…". Visible overflow keeps the whole label.
const unclipped = { root: { overflow: 'visible' }, label: { overflow: 'visible' } };

export function StatusBadge({ status, label, ...props }: { status: string; label: string } & BadgeProps) {
  return <Badge variant="light" color={statusColors[status] ?? 'gray'} styles={unclipped} {...props}>{label}</Badge>;
}

export function PriorityBadge({ priority, label, ...props }: { priority: string; label: string; title?: string } & BadgeProps) {
  return <Badge variant="filled" color={priorityColors[priority] ?? 'gray'} styles={unclipped} {...props}>{label}</Badge>;
}
