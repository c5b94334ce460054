/**
 * The renderer's only door to its host: the typed client over the contract, the files the user
 * chooses, and the host's events. In Electron the preload provides `window.tradebrief`; in a browser
 * it is built over the HTTP host (host/browser-bridge.ts). Components never touch the transport.
 */
import type { HostBridge } from '../../../db/bridge.ts';
import { ClientError, createClient, unwrapClient } from './client.ts';
import type { Client, Envelope, Input, MethodName, Result } from '../../../db/contract.ts';
import type { DashboardModels } from '../../../db/dashboards/contract.ts';
import type { OpenKind, PickedFile, SaveKind, SaveTarget } from '../../../db/common/file-kinds.ts';
import type { HostEventListener } from '../../../db/host-events.ts';
import { isLanguage, type Language } from '../../../db/common/languages.ts';
import { openBrowserBridge } from './host/browser-bridge.ts';

export { ClientError };
export type { Client, PickedFile, SaveTarget };

let bridge: HostBridge | undefined;
let client: Client | undefined;
let transport: { bridge: Promise<HostBridge>; invoke: HostBridge['invoke'] } | undefined;

function opened(): NonNullable<typeof transport> {
  const own = window.tradebrief;
  transport ??= own ? { bridge: Promise.resolve(own), invoke: (method, input) => own.invoke(method, input) } : openBrowserBridge();
  return transport;
}

export async function connect(): Promise<Client> {
  if (!client) {
    bridge = await opened().bridge;
    const host = bridge;
    client = unwrapClient(createClient((method, input) => host.invoke(method, input), host.methods));
  }
  return client;
}

/**
 * One call made before `connect()` has resolved, over the same transport (a print window's data, asked for while
 * the app's code, its fonts and the host's method list load rather than after). Throws `ClientError` as api() does.
 */
export function callEarly<M extends MethodName>(method: M, input: Input<M>): Promise<Result<M>> {
  return unwrap(opened().invoke(method, input) as Promise<Envelope<Result<M>>>);
}

/** The connected client; views run after `connect()` resolved in main.ts. */
export function api(): Client {
  if (!client) throw new Error('api() called before connect()');
  return client;
}

type DashboardRequest = Input<'dashboard'>;

/** A dashboard's whole view model for its filters: one call per load. */
export async function dashboardModel<D extends DashboardRequest['id']>(
  id: D,
  filters: Extract<DashboardRequest, { id: D }>['filters'],
): Promise<DashboardModels[D]> {
  const { model } = await api().dashboard({ id, filters } as DashboardRequest);
  return model as DashboardModels[D];
}

function connected(): HostBridge {
  if (!bridge) throw new Error('The host is used before connect()');
  return bridge;
}

async function unwrap<T>(pending: Promise<Envelope<T>>): Promise<T> {
  const envelope = await pending;
  if (envelope.ok) return envelope.data;
  throw new ClientError(envelope.error);
}

/** The files the user chooses and the files the app saves for the user, through the host. */
export const files = {
  /** Open dialog (Electron) or the browser's file chooser; null when the user cancels. */
  open: (kind: OpenKind): Promise<PickedFile | null> => unwrap(connected().openFile(kind)),
  /** Gives back a file the page no longer needs (an uploaded copy is deleted). */
  release: (file: PickedFile): Promise<null> => unwrap(connected().release(file.handle)),
  /** A file dropped on the page. */
  drop: (file: File, kind: OpenKind): Promise<PickedFile> => unwrap(connected().dropFile(file, kind)),
  /**
   * Asks where to save, lets `write` fill the target through a contract method, then hands the file
   * to the user (the browser downloads it). Null when the user cancels the Save dialog.
   */
  async save<T>(
    kind: SaveKind,
    suggestedName: string,
    write: (target: SaveTarget) => Promise<T>,
  ): Promise<{ result: T; name: string } | null> {
    const host = connected();
    const target = await unwrap(host.saveFile(kind, suggestedName));
    if (!target) return null;
    const result = await write(target);
    await unwrap(host.deliver(target));
    return { result, name: target.name };
  },
  /** Which host the page runs in: Electron can open other database files, a browser cannot. */
  host: (): HostBridge['host'] => connected().host,
};

/** Listens to the host's events (job progress, data changed); returns the function that stops. */
export function onHostEvent(listener: HostEventListener): () => void {
  return connected().on(listener);
}

/**
 * Listens for the language chosen in another window or the desktop app's menu (a browser's bridge has none: its tabs
 * follow the remembered choice, i18n's followStoredLanguage); returns the function that stops.
 */
export function onHostLanguage(listener: (language: Language) => void): () => void {
  return connected().onLanguage?.(listener) ?? (() => undefined);
}

/**
 * Tells the host the language the page shows (the desktop app's menu follows it; a browser has nothing to follow).
 * The pseudo-locale is the page's alone.
 */
export function tellHostLanguage(locale: string): void {
  const host = connected();
  if (!host.showingLanguage || !isLanguage(locale)) return;
  host.showingLanguage(locale).then(
    (envelope) => {
      if (!envelope.ok) console.warn(envelope.error.message);
    },
    (error: unknown) => console.warn(error),
  );
}

/** This window's or tab's name, as data-changed events give it. */
export function ownClientId(): string {
  return connected().clientId;
}
