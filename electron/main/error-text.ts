/**
 * An error's text in main's language, for the native error boxes: the data core's message written from its code and
 * values in Korean or Chinese (db/common/core-messages-*.ts, the sentences the page shows), its English message
 * otherwise. Pure: unit-tested outside Electron.
 */
import { ApiError, type ApiErrorShape } from '../../db/common/errors.ts';
import { CORE_MESSAGES, fillIn, isCoreMessageCode, writeCore, type CoreText } from '../../db/common/core-messages.ts';
import { CORE_MESSAGES_KO } from '../../db/common/core-messages-ko.ts';
import { CORE_MESSAGES_ZH } from '../../db/common/core-messages-zh.ts';
import { LOCALE_TAGS, type Language } from '../../db/common/languages.ts';

const SENTENCES = { en: CORE_MESSAGES, ko: CORE_MESSAGES_KO, zh: CORE_MESSAGES_ZH } as const;

/** The code and values an error carries: an ApiError's, or those of its shape as it crossed a host. */
function codedText(error: unknown): CoreText | null {
  if (error instanceof ApiError) return error.text;
  const shape = error as Partial<ApiErrorShape> | null;
  return typeof shape === 'object' && shape !== null && isCoreMessageCode(shape.messageCode)
    ? { messageCode: shape.messageCode, params: shape.params ?? {} }
    : null;
}

export function errorTextIn(error: unknown, language: Language): string {
  const english =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
  const text = codedText(error);
  if (!text || language === 'en') return english;
  const tag = LOCALE_TAGS[language];
  return writeCore(text, {
    tag,
    say: (code, values) => fillIn(SENTENCES[language][code], values),
    // The errors main shows name files, rows and fields, not economies: a name stays as stored.
    economyName: (_code, stored) => stored,
  });
}
