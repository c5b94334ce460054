/**
 * The renderer's only door to data: the typed client. In Electron the preload provides it as
 * `window.tradebrief`; in a browser (the HTTP host) it is built here over fetch.
 * Components never call the transport directly.
 */
import { ClientError, createClient, unwrapClient } from '../../../db/client.ts';
import type { Client, Envelope, MethodName } from '../../../db/contract.ts';

export { ClientError };
export type { Client };

async function httpInvoke(method: MethodName, input: unknown): Promise<Envelope<unknown>> {
  try {
    const body = JSON.stringify(input ?? {});
    const response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      // A save sent as the page closes (autosave flush) must outlive the page; keepalive bodies are capped at 64 KiB.
      keepalive: body.length < 60_000,
    });
    return (await response.json()) as Envelope<unknown>;
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `The data service cannot be reached: ${(error as Error).message}` } };
  }
}

let client: Client | undefined;

export async function connect(): Promise<Client> {
  if (!client) {
    if (window.tradebrief) {
      client = unwrapClient(window.tradebrief);
    } else {
      const methods = (await (await fetch('/api/methods')).json()) as MethodName[];
      client = unwrapClient(createClient(httpInvoke, methods));
    }
  }
  return client;
}

/** The connected client; views run after `connect()` resolved in main.ts. */
export function api(): Client {
  if (!client) throw new Error('api() called before connect()');
  return client;
}
