/**
 * Which version of the data the views show. Another window or tab (or an import it ran) changed the
 * database: the host says so, the version moves, and every resource() reloads. This window's own
 * changes are already on its screen, so they do not count.
 */
import { onHostEvent, ownClientId } from '../api.ts';

const state = $state({ version: 0 });

export const dataVersion = {
  get current(): number {
    return state.version;
  },
};

/** Starts listening (main.ts, once connected). */
export function followDataChanges(): () => void {
  const own = ownClientId();
  return onHostEvent((event) => {
    if (event.type === 'data-changed' && event.client !== own) state.version += 1;
  });
}
