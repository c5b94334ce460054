import { DASHBOARD_DEFINITIONS, type Dashboard } from '../../../../db/common/dashboards.ts';
import type { Language } from '../../../../db/common/languages.ts';

/** A dashboard's words in a language: its definition's (db/common/dashboards.ts), where the English is and each translation. */
const wordsIn = (d: (typeof DASHBOARD_DEFINITIONS)[number], language: Language) =>
  language === 'en' ? { label: d.label, exportDescription: d.exportDescription } : d.translations[language];

/** Each dashboard's title in a language, as the catalogue's keys `dashboard.<id>`. */
export function dashboardTitles(language: Language): { readonly [D in Dashboard as `dashboard.${D}`]: string } {
  return Object.fromEntries(DASHBOARD_DEFINITIONS.map((d) => [`dashboard.${d.id}`, wordsIn(d, language).label])) as {
    readonly [D in Dashboard as `dashboard.${D}`]: string;
  };
}

/** What each dashboard's export writes, in a language, as the catalogue's keys `exportData.what.<id>` (the "Export data…" box). */
export function exportDescriptions(language: Language): { readonly [D in Dashboard as `exportData.what.${D}`]: string } {
  return Object.fromEntries(DASHBOARD_DEFINITIONS.map((d) => [`exportData.what.${d.id}`, wordsIn(d, language).exportDescription])) as {
    readonly [D in Dashboard as `exportData.what.${D}`]: string;
  };
}
