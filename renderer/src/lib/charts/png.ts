/**
 * A drawn chart as a PNG for the printer: encoded in a worker (png-worker.ts) once a print layout of several charts has
 * started one (`startPngEncoder`, before the charts draw, so that its code has loaded by the time the first chart is
 * done), else by the canvas itself.
 */
let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, (blob: Blob | null) => void>();

function encodedHere(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Starts the encoding worker (once); a page that cannot start one encodes on its own thread. */
export function startPngEncoder(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./png-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return worker;
  }
  worker.onmessage = ({ data }: MessageEvent<{ id: number; blob: Blob | null }>) => {
    waiting.get(data.id)?.(data.blob);
    waiting.delete(data.id);
  };
  // A worker whose code did not load or failed: what it was given is encoded here, and so is everything after.
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    for (const done of waiting.values()) done(null);
    waiting.clear();
  };
  return worker;
}

/** `canvas` as a PNG of the same pixels (null where it cannot be encoded: the canvas then prints as it is). */
export async function encodePng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  const encoder = worker;
  if (encoder) {
    // The pixels are taken now (the bitmap is a copy); the worker's answer, or null when it failed.
    const bitmap = await createImageBitmap(canvas).catch(() => null);
    if (bitmap && worker === encoder) {
      const id = nextId++;
      const blob = await new Promise<Blob | null>((resolve) => {
        waiting.set(id, resolve);
        encoder.postMessage({ id, bitmap }, [bitmap]);
      });
      if (blob) return blob;
    }
  }
  return await encodedHere(canvas);
}
