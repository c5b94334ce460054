/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { HostBridge } from '../../db/bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer runs against the HTTP host. */
    readonly tradebrief?: HostBridge;
  }
}
