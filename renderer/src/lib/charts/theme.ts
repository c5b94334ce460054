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

/** Animation is off when the user prefers reduced motion, and always when printing. */
export function animationAllowed(view: string): boolean {
  if (view === 'print') return false;
  return !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
