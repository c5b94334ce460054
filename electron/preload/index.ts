/**
 * The preload: exposes exactly one global, `window.tradebrief`, the host bridge (db/bridge.ts) over
 * IPC. Nothing raw (no ipcRenderer, no IPC event, no Node) reaches the page, and no path either: a
 * dropped file's path is read here and goes straight to main, which answers with a handle.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { HostBridge } from '../../db/bridge.ts';
import type { Envelope, MethodName } from '../../db/contract.ts';
import type { OpenKind, PickedFile, SaveKind, SaveTarget } from '../../db/common/file-kinds.ts';
import type { HostEvent, HostEventListener } from '../../db/host-events.ts';
import type { Language } from '../../db/common/languages.ts';
import {
  CLIENT_ARG,
  DROP_FILE_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  isChosenLanguage,
  LANGUAGE_CHANNEL,
  LANGUAGE_CHOSEN_CHANNEL,
  METHODS_ARG,
  OPEN_FILE_CHANNEL,
  RELEASE_FILE_CHANNEL,
  SAVE_FILE_CHANNEL,
} from '../main/window-options.ts';

/** A value main passed this window (window-options.ts). */
const argument = (prefix: string): string => process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? '';

const methods = Object.freeze(argument(METHODS_ARG).split(',').filter(Boolean) as MethodName[]);

/** The page's listeners; one IPC subscription serves them all and hands each only the event itself. */
const listeners = new Set<HostEventListener>();
let subscribed = false;

function forwardEvent(_ipc: unknown, event: HostEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (error) {
      // One listener's failure must not keep the event from the others.
      console.error(error);
    }
  }
}

/** The page's listeners to the language chosen elsewhere; one IPC subscription serves them. */
const languageListeners = new Set<(language: Language) => void>();
let languageSubscribed = false;

/**
 * Only main sends on a window's IPC (Electron has no renderer-to-renderer send): the value is checked here, and a
 * listener gets the language's code alone.
 */
function forwardLanguage(_ipc: unknown, language: unknown): void {
  if (!isChosenLanguage(language)) return;
  for (const listener of [...languageListeners]) {
    try {
      listener(language);
    } catch (error) {
      console.error(error);
    }
  }
}

const bridge: HostBridge = {
  host: 'electron',
  // Main knows which window calls without being told; the page reads its name to recognise its own changes.
  clientId: argument(CLIENT_ARG),
  methods,
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  openFile: (kind: OpenKind) => ipcRenderer.invoke(OPEN_FILE_CHANNEL, kind) as Promise<Envelope<PickedFile | null>>,
  dropFile: (file: File, kind: OpenKind) => {
    // '' (or a throw, for what is not a File) when it is not on disk: main refuses an empty path.
    let path: string;
    try {
      path = webUtils.getPathForFile(file);
    } catch {
      path = '';
    }
    return ipcRenderer.invoke(DROP_FILE_CHANNEL, path, kind) as Promise<Envelope<PickedFile>>;
  },
  release: (handle: string) => ipcRenderer.invoke(RELEASE_FILE_CHANNEL, handle) as Promise<Envelope<null>>,
  saveFile: (kind: SaveKind, suggestedName: string) =>
    ipcRenderer.invoke(SAVE_FILE_CHANNEL, kind, suggestedName) as Promise<Envelope<SaveTarget | null>>,
  // The core wrote straight to the place the user chose: nothing left to do.
  deliver: () => Promise.resolve({ ok: true, data: null }),
  showingLanguage: (language: Language) => ipcRenderer.invoke(LANGUAGE_CHANNEL, language) as Promise<Envelope<null>>,
  onLanguage: (listener: (language: Language) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onLanguage() takes a function');
    if (!languageSubscribed) {
      ipcRenderer.on(LANGUAGE_CHOSEN_CHANNEL, forwardLanguage);
      languageSubscribed = true;
    }
    languageListeners.add(listener);
    return () => {
      languageListeners.delete(listener);
    };
  },
  on: (listener: HostEventListener) => {
    if (typeof listener !== 'function') throw new TypeError('on() takes a function');
    if (!subscribed) {
      ipcRenderer.on(EVENT_CHANNEL, forwardEvent);
      subscribed = true;
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('tradebrief', bridge);
