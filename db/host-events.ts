/**
 * What a host pushes to the page: progress of long work and "the data changed". Pure types: the core
 * emits them, both hosts carry them (Electron: webContents.send; the HTTP host: Server-Sent Events).
 */
import type { ImportProgress } from './common/job-progress.ts';

export type HostEvent =
  /** A preview, import, undo or pack load moved on, or ended. */
  | { type: 'job'; progress: ImportProgress }
  /** Something was written: views showing data reload (`client` made the change: empty for the host itself). */
  | { type: 'data-changed'; method: string; client: string };

export type HostEventListener = (event: HostEvent) => void;
