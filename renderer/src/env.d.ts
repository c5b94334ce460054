/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { RawClient } from '../../db/contract.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer runs against the HTTP host. */
    readonly tradebrief?: RawClient;
  }
}
