/**
 * The host's face when the page runs in a browser against the HTTP host (db/http-host): the contract
 * over fetch, files as uploads and downloads, events as Server-Sent Events. Same shape as Electron's
 * preload (db/bridge.ts), so nothing above this file knows which host it runs in.
 */
import type { HostBridge } from '../../../../db/bridge.ts';
import type { Envelope, MethodName } from '../../../../db/contract.ts';
import { OPEN_KINDS, type OpenKind, type PickedFile, type SaveTarget } from '../../../../db/common/file-kinds.ts';
import type { HostEvent, HostEventListener } from '../../../../db/host-events.ts';

/** How long a hidden tab keeps its event stream. */
const HIDDEN_STREAM_GRACE_MS = 30_000;

function failure(message: string): Envelope<never> {
  return { ok: false, error: { code: 'internal', message } };
}

async function envelopeOf<T>(response: Response): Promise<Envelope<T>> {
  try {
    return (await response.json()) as Envelope<T>;
  } catch {
    return failure(`The app's host answered ${response.status} ${response.statusText}.`);
  }
}

/** A small JSON request to the host's file routes (save a download target, release an upload). */
async function fileRequest<T>(path: string, body: unknown): Promise<Envelope<T>> {
  try {
    return await envelopeOf<T>(
      await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    );
  } catch (error) {
    return failure(`The app's host cannot be reached: ${(error as Error).message}`);
  }
}

/** Lets the user choose a file with the browser's own chooser; null when the chooser is closed. */
function chooseFile(kind: OpenKind): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = OPEN_KINDS[kind].extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.dataset['testid'] = 'host-file-input';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/**
 * The bridge once the host's method list has come, and its `invoke` at once: a call needs no method list, so a
 * print window asks for its data while the list, the app's code and its fonts load (api.ts `callEarly`).
 */
export function openBrowserBridge(): { bridge: Promise<HostBridge>; invoke: HostBridge['invoke'] } {
  // A per-tab name, so a tab can tell its own changes from another tab's.
  const clientId = crypto.randomUUID();
  const invoke: HostBridge['invoke'] = async (method, input) => {
    try {
      const body = JSON.stringify(input ?? {});
      const response = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tradebrief-Client': clientId },
        body,
        // A save sent as the page closes (autosave flush) must outlive the page; keepalive bodies are capped at 64 KiB.
        keepalive: body.length < 60_000,
      });
      return await envelopeOf(response);
    } catch (error) {
      return failure(`The data service cannot be reached: ${(error as Error).message}`);
    }
  };
  return { bridge: createBrowserBridge(clientId, invoke), invoke };
}

async function createBrowserBridge(clientId: string, invoke: HostBridge['invoke']): Promise<HostBridge> {
  const methodsResponse = await fetch('/api/methods');
  if (!methodsResponse.ok)
    throw new Error(`the host refused the connection (${methodsResponse.status}): open the address that "npm run serve" printed`);
  const methods = (await methodsResponse.json()) as MethodName[];

  const upload = async (file: File, kind: OpenKind): Promise<Envelope<PickedFile>> => {
    try {
      const response = await fetch(`/files/upload?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      return await envelopeOf<PickedFile>(response);
    } catch (error) {
      return failure(`${file.name} could not be sent to the app: ${(error as Error).message}`);
    }
  };

  const listeners = new Set<HostEventListener>();
  const deliver = (event: HostEvent): void => {
    for (const listener of listeners) listener(event);
  };
  /*
   * A browser keeps six connections per host: an event stream per hidden tab would soon starve the
   * visible one. A hidden tab lets its stream go after a while and, when shown again, reconnects and
   * reloads what it shows (it may have missed changes meanwhile).
   */
  let source: EventSource | null = null;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  const open = (): void => {
    if (source || listeners.size === 0) return;
    source = new EventSource(`/events?client=${encodeURIComponent(clientId)}`);
    source.onmessage = (message) => deliver(JSON.parse(message.data as string) as HostEvent);
  };
  const close = (): void => {
    source?.close();
    source = null;
  };
  document.addEventListener('visibilitychange', () => {
    clearTimeout(hiddenTimer);
    if (document.visibilityState === 'hidden') {
      hiddenTimer = setTimeout(close, HIDDEN_STREAM_GRACE_MS);
    } else if (!source && listeners.size > 0) {
      open();
      deliver({ type: 'data-changed', method: '', client: '' });
    }
  });
  // The tab goes away: its previews and imports stop (the host waits a moment, in case it comes back).
  addEventListener('pagehide', () => {
    navigator.sendBeacon(`/events/leave?client=${encodeURIComponent(clientId)}`, new Blob(['{}'], { type: 'application/json' }));
  });

  return {
    host: 'browser',
    clientId,
    methods,
    invoke,
    async openFile(kind) {
      const file = await chooseFile(kind);
      return file ? upload(file, kind) : { ok: true, data: null };
    },
    dropFile: upload,
    release: (handle) => fileRequest<null>('/files/release', { handle }),
    saveFile: (kind, suggestedName) => fileRequest<SaveTarget>('/files/save', { kind, name: suggestedName }),
    async deliver(target) {
      const link = document.createElement('a');
      link.href = `/files/download/${encodeURIComponent(target.handle)}`;
      link.download = target.name;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      return { ok: true, data: null };
    },
    on(listener) {
      listeners.add(listener);
      if (document.visibilityState !== 'hidden') open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
  };
}
