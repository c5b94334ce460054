/**
 * What a host pushes to the page: progress of long work and "the data changed". Pure types: the core
 * emits them, both hosts carry them (Electron: webContents.send; the HTTP host: Server-Sent Events).
 */
import type { Language } from './common/languages.ts';
import type { ImportProgress } from './common/job-progress.ts';

export type HostEvent =
  /** A preview, import, undo or pack load moved on, or ended. */
  | { type: 'job'; progress: ImportProgress }
  /** Something was written: views showing data reload (`client` made the change: empty for the host itself). */
  | { type: 'data-changed'; method: string; client: string }
  /** The user chose the interface's language in the app's menu (Electron: View › Language). */
  | { type: 'language'; language: Language };

export type HostEventListener = (event: HostEvent) => void;
