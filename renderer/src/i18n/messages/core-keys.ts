import type { CoreMessageCode } from '../../../../db/common/core-messages.ts';

/** The data core's messages in one language (db/common/core-messages*.ts, by code), as a catalogue's keys `core.<code>`. */
export function coreKeys<M extends Record<CoreMessageCode, string>>(messages: M): { readonly [C in CoreMessageCode as `core.${C}`]: M[C] } {
  return Object.fromEntries(Object.entries(messages).map(([code, text]) => [`core.${code}`, text])) as {
    readonly [C in CoreMessageCode as `core.${C}`]: M[C];
  };
}
