import type { CoreMessageCode } from '../../../../db/common/core-messages.ts';

/** Some or all of the data core's messages in one language (db/common/core-messages*.ts, by code), as a catalogue's keys `core.<code>`. */
export function coreKeys<M extends { readonly [C in CoreMessageCode]?: string }>(
  messages: M,
): { readonly [C in keyof M & CoreMessageCode as `core.${C}`]: M[C] } {
  return Object.fromEntries(Object.entries(messages).map(([code, text]) => [`core.${code}`, text])) as {
    readonly [C in keyof M & CoreMessageCode as `core.${C}`]: M[C];
  };
}
