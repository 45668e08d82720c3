import { Badge, type BadgeProps } from '@mantine/core';
import { t } from '../i18n/en.ts';

// Scores of 70 and above show red and 40 to 70 orange, so the highest-impact rows stand out in the queue.
function impactColor(score: number): string {
  if (score >= 70) {
    return 'red';
  }
  return score >= 40 ? 'orange' : 'gray';
}

export function ImpactBadge({ score, ...props }: { score: number | null } & BadgeProps) {
  if (score === null) {
    return <>{t.common.none}</>;
  }

  return <Badge variant="light" color={impactColor(score)} {...props}>{Math.round(score)}</Badge>;
}
