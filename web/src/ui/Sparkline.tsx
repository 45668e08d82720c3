/** Draws a series as a small SVG line, oldest value on the left, on a fixed 0-100 scale. */
export function Sparkline({ values, width = 120, height = 28, color = 'currentColor', label }: {
  values: number[]; width?: number; height?: number; color?: string; label: string;
}) {
  if (values.length < 2) {
    return null;
  }

  const step = width / (values.length - 1);
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(height - (value / 100) * height).toFixed(1)}`).join(' ');

  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="health-sparkline">
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
