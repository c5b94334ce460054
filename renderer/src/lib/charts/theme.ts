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

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/**
 * The colours change only with the system's theme and the print layout (data-paper on the root): read once for
 * each, since every read of a computed style after the page changed lays the whole page out again, once per
 * chart on a dashboard of several.
 */
const themes = new Map<string, ChartTheme>();

export function chartTheme(): ChartTheme {
  const root = document.documentElement;
  const key = `${matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'} ${root.dataset['paper'] ?? ''}`;
  const known = themes.get(key);
  if (known) return known;
  const style = getComputedStyle(root);
  const theme: ChartTheme = {
    text: cssVar(style, '--text', '#1b1f24'),
    muted: cssVar(style, '--muted', '#57606a'),
    grid: cssVar(style, '--border', '#d0d7de'),
    surface: cssVar(style, '--surface', '#ffffff'),
    exportColour: cssVar(style, '--export', '#1f6fb8'),
    importColour: cssVar(style, '--import', '#c2571a'),
    balanceColour: cssVar(style, '--balance', '#2b8a3e'),
    accent: cssVar(style, '--accent', '#0b5cad'),
    warn: cssVar(style, '--warn-border', '#c99a00'),
  };
  themes.set(key, theme);
  return theme;
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
