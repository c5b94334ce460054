import type en from './en.ts';

/** A message key: a key of the English catalogue. */
export type MessageKey = keyof typeof en;
/** A catalogue: every key, each a string (ko.ts and zh.ts are checked against it by the compiler). */
export type Messages = Record<MessageKey, string>;
