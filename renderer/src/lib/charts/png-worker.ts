/**
 * Encodes a printed chart's pixels as PNG off the page's thread (png.ts). A canvas's `toBlob` encodes PNG on the
 * page's own thread, in its idle time, after the last chart has drawn; here each chart is encoded as soon as it is
 * drawn, on the second core, while the page draws the next one.
 */
interface Job {
  id: number;
  bitmap: ImageBitmap;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: { id: number; blob: Blob | null }): void;
};

scope.onmessage = ({ data: { id, bitmap } }) => {
  void (async () => {
    let blob: Blob | null;
    try {
      // The bitmap as it is, pixel for pixel: the PNG holds exactly what the page drew.
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
      blob = await canvas.convertToBlob({ type: 'image/png' });
    } catch {
      blob = null; // the page encodes it itself
    } finally {
      bitmap.close();
    }
    scope.postMessage({ id, blob });
  })();
};
