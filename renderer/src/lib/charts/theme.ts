/** Chart colours come from the CSS variables of styles.css, so light and dark themes apply to charts too. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  exportColour: string;
  importColour: string;
  balanceColour: string;
  accent: string;
  warn: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function chartTheme(): ChartTheme {
  return {
    text: cssVar('--text', '#1b1f24'),
    muted: cssVar('--muted', '#57606a'),
    grid: cssVar('--border', '#d0d7de'),
    surface: cssVar('--surface', '#ffffff'),
    exportColour: cssVar('--export', '#1f6fb8'),
    importColour: cssVar('--import', '#c2571a'),
    balanceColour: cssVar('--balance', '#2b8a3e'),
    accent: cssVar('--accent', '#0b5cad'),
    warn: cssVar('--warn-border', '#c99a00'),
  };
}

/**
 * Whether a chart animates as it draws: never. A chart is built anew for each state of its data, so any animation
 * is an entry animation, and a dashboard reads as drawn only when it ends (350 ms of a 410–660 ms switch between
 * views). Drawn at once, a chart is also the same for a reader who prefers reduced motion, and in print.
 */
export function animationAllowed(view: string): boolean {
  void view;
  return false;
}
