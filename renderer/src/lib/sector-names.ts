/**
 * The built-in sectors' names and HS chapter titles in the interface's language. Apart from lib/format.ts, which the
 * shell loads, so that their three languages' tables load with the views that show them.
 */
import { hsChapterIn, sectorGroupNameIn, sectorNameIn } from '../i18n/sectors.ts';
import { language } from './format.ts';

/** A sector's name in the interface's language: a built-in sector's translation, else as stored (users' names are never translated). */
export const sectorName = (id: string, stored: string): string => sectorNameIn(id, stored, language());

/** The name of a sector of several rows of one name (the Export sectors dashboard's), as `sectorName` says it. */
export const sectorGroupName = (ids: readonly string[], stored: string): string => sectorGroupNameIn(ids, stored, language());

/** The title of an HS code's chapter in the interface's language, when the app has it. */
export const hsChapter = (code: string): string | undefined => hsChapterIn(code, language());
