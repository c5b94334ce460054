/**
 * The zod schemas of the domain's words (db/common/vocabulary.ts): apart from the words themselves, so that what
 * only names them (the renderer's shell) does not load zod.
 */
import { z } from 'zod';
import { ECONOMY_CODE, FIRST_YEAR, LAST_YEAR } from './vocabulary.ts';
import { CORE_MESSAGES } from './core-messages.ts';

// The hint is the core's coded sentence, so a form names the pattern in the page's language (core-messages.ts).
export const economyCode = z.string().regex(ECONOMY_CODE, CORE_MESSAGES.fieldEconomyCode);

/** A calendar year as the data and the filters take it. */
export const yearSchema = z.number().int().min(FIRST_YEAR, `a year from ${FIRST_YEAR}`).max(LAST_YEAR, `a year up to ${LAST_YEAR}`);

/** A range of years, either end open. */
export const yearRange = { from: yearSchema.optional(), to: yearSchema.optional() };

/** One pair of economies and a range of years: what the pair dashboards filter on and the pair blocks of a briefing freeze. */
export const pairAndYears = { reporter: economyCode, partner: economyCode, ...yearRange };
