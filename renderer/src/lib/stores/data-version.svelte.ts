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

/**
 * This window changed the data where no view showed it happen (an import that ended while another view showed):
 * every view reloads, as for another window's change.
 */
export function dataChangedHere(): void {
  state.version += 1;
}

/** Starts listening (main.ts, once connected). */
export function followDataChanges(): () => void {
  const own = ownClientId();
  return onHostEvent((event) => {
    if (event.type === 'data-changed' && event.client !== own) state.version += 1;
  });
}
