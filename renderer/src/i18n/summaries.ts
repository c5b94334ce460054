/**
 * A dashboard's print summary in the interface's language: its definition (db/common/dashboards.ts) writes the title
 * and the block headings in English; the page shows the active language's. A heading the catalogue does not know
 * stays as the definition writes it.
 */
import type { PrintSummary } from '../../../db/common/dashboards.ts';
import type { PrintableDashboard } from '../../../db/common/paper.ts';
import en from './messages/en.ts';
import type { MessageKey } from './messages/types.ts';
import { t } from './i18n.svelte.ts';
import { dashboardTitleKey } from './vocabulary.ts';

const HEADINGS: readonly MessageKey[] = [
  'summary.headline',
  'summary.sourcesSay',
  'summary.tradeByYear',
  'summary.mirror',
  'summary.disagree',
  'summary.events',
  'summary.routes',
  'summary.partnerRanking',
  'summary.partnerMap',
  'summary.partnerRanks',
  'summary.chinaShare',
];
const byEnglish = new Map<string, MessageKey>(HEADINGS.map((key) => [en[key], key]));

export function translatedSummary(id: PrintableDashboard, summary: PrintSummary): PrintSummary {
  const englishLabel = en[dashboardTitleKey(id)];
  const label = t(dashboardTitleKey(id));
  // The title is the label, or the label and the filters ("Trade balance: KOR – CHN").
  const title = summary.title.startsWith(englishLabel) ? `${label}${summary.title.slice(englishLabel.length)}` : summary.title;
  const heading = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    if (text === englishLabel) return label;
    const key = byEnglish.get(text);
    return key ? t(key) : text;
  };
  return {
    ...summary,
    title,
    blocks: summary.blocks.map((block) => {
      const config = block.config as { heading?: string };
      return config.heading === undefined ? block : ({ ...block, config: { ...config, heading: heading(config.heading) } } as typeof block);
    }),
  };
}
