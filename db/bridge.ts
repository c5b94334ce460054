/**
 * `window.tradebrief`: what a host gives the page. The contract (`invoke`), the files the user chooses
 * through the host (never a path: a handle and a name), and the events the host pushes. Electron's
 * preload implements it over IPC and native dialogs; in a browser the page builds it over the HTTP
 * host (uploads, downloads, Server-Sent Events). Pure types.
 */
import type { Envelope, MethodName } from './contract.ts';
import type { OpenKind, PickedFile, SaveKind, SaveTarget } from './common/file-kinds.ts';
import type { HostEventListener } from './host-events.ts';
import type { Language } from './common/languages.ts';

export interface HostBridge {
  readonly host: 'electron' | 'browser';
  /** This window's (or tab's) name, sent with each call: a data-changed event it caused names it. */
  readonly clientId: string;
  /** The contract's method names, as the host binds them. */
  readonly methods: readonly MethodName[];
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  /** Asks the user for a file to read (Open dialog, or the browser's file chooser and an upload); null when cancelled. */
  openFile(kind: OpenKind): Promise<Envelope<PickedFile | null>>;
  /** A file dropped on the window, handed to the host (Electron: its path stays in the preload and main). */
  dropFile(file: File, kind: OpenKind): Promise<Envelope<PickedFile>>;
  /** The page no longer needs a file it was given (another was chosen): the host forgets it. */
  release(handle: string): Promise<Envelope<null>>;
  /** Asks where to save (Save dialog, or a download in the browser); null when cancelled. */
  saveFile(kind: SaveKind, suggestedName: string): Promise<Envelope<SaveTarget | null>>;
  /** After a method wrote to `target`: the browser downloads it; in Electron it is already in place. */
  deliver(target: SaveTarget): Promise<Envelope<null>>;
  /**
   * The page now shows `language`: the desktop app redraws its menu in it. A browser has no menu of the app's, so
   * its bridge leaves this out.
   */
  showingLanguage?(language: Language): Promise<Envelope<null>>;
  /**
   * Listens for the language chosen in another window or the app's menu (the desktop app: main tells every window);
   * returns the function that stops. A browser's tabs follow the remembered choice's 'storage' event instead, so its
   * bridge leaves this out.
   */
  onLanguage?(listener: (language: Language) => void): () => void;
  /** Listens to the host's events; returns the function that stops listening. */
  on(listener: HostEventListener): () => void;
}
