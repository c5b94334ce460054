/** Which window or tab made the call that is running: the hosts set it around each call, jobs record it as their owner. */
import { AsyncLocalStorage } from 'node:async_hooks';

const caller = new AsyncLocalStorage<string>();

/** The window or tab whose call is running (empty outside a call, or for the host's own calls). */
export function currentCaller(): string {
  return caller.getStore() ?? '';
}

/** Runs `call` as made by `client`. */
export function runAsCaller<T>(client: string, call: () => T): T {
  return caller.run(client, call);
}
