/**
 * The zod schemas of the domain's words (db/common/vocabulary.ts): apart from the words themselves, so that what
 * only names them (the renderer's shell) does not load zod. Written with `zod/mini`, as every schema the renderer
 * loads is: the same checks and messages as zod's full entry, in about a third of its size in the page.
 */
import * as z from 'zod/mini';
import { ECONOMY_CODE, FIRST_YEAR, LAST_YEAR } from './vocabulary.ts';
import { CORE_MESSAGES } from './core-messages.ts';

// The hint is the core's coded sentence, so a form names the pattern in the page's language (core-messages.ts).
export const economyCode = z.string().check(z.regex(ECONOMY_CODE, CORE_MESSAGES.fieldEconomyCode));

/** A calendar year as the data and the filters take it. */
export const yearSchema = z
  .number()
  .check(z.int(), z.minimum(FIRST_YEAR, `a year from ${FIRST_YEAR}`), z.maximum(LAST_YEAR, `a year up to ${LAST_YEAR}`));

/** A range of years, either end open. */
export const yearRange = { from: z.optional(yearSchema), to: z.optional(yearSchema) };

/** One pair of economies and a range of years: what the pair dashboards filter on and the pair blocks of a briefing freeze. */
export const pairAndYears = { reporter: economyCode, partner: economyCode, ...yearRange };
