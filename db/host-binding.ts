/**
 * What both hosts do with a call from the page: validate and run it (dispatch), then, when it wrote
 * to the database, tell every window so that views showing that data reload. Whether a call wrote is
 * read from SQLite itself (`total_changes()` before and after), so no method has to be marked.
 */
import type { Envelope } from './contract.ts';
import { runAsCaller } from './caller.ts';
import { dispatch } from './dispatch.ts';
import type { Session } from './session.ts';

export interface ContractBinding {
  /** Runs one call; `client` names the window or tab that made it (its own change needs no reload). */
  call(method: unknown, input: unknown, client: string): Promise<Envelope<unknown>>;
}

export function bindContract(session: Session): ContractBinding {
  const changes = session.db.prepare('SELECT total_changes()').pluck();
  return {
    async call(method, input, client) {
      const before = changes.get() as number;
      const envelope = await runAsCaller(client, () => dispatch(session.handlers, method, input));
      if ((changes.get() as number) !== before) session.context.emit({ type: 'data-changed', method: String(method), client });
      return envelope;
    },
  };
}
