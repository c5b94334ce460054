import { defineArea } from '../area.ts';
import { eventsContract } from './contract.ts';
import { eventsHandlers } from './queries.ts';

/** Events, past and upcoming, with dates as precise as their source. */
export const eventsArea = defineArea(eventsContract, eventsHandlers);
