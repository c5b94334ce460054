/**
 * The preload: exposes exactly one global, `window.tradebrief`, the typed client over one IPC
 * channel. Nothing raw (no ipcRenderer, no Node) reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../db/client.ts';
import type { Envelope, MethodName } from '../../db/contract.ts';
import { INVOKE_CHANNEL, METHODS_ARG } from '../main/window-options.ts';

const methods = (process.argv.find((a) => a.startsWith(METHODS_ARG))?.slice(METHODS_ARG.length) ?? '')
  .split(',')
  .filter(Boolean) as MethodName[];

const client = createClient(
  (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  methods,
);

contextBridge.exposeInMainWorld('tradebrief', client);
