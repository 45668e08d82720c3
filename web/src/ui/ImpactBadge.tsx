import { Badge, type BadgeProps } from '@mantine/core';
import { t } from '../i18n/en.ts';

// Bands match the business-impact doc: 70 and above needs attention today, 40-70 soon.
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
