// Options every dashboard line chart shares: drawn once (no animation),
// sized by its container, data given as {x, y} points.
export const STATIC_LINE = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  parsing: false,
} as const;
