import type { PixelSize } from './attachment-upload.js';
import type { PictureReader } from './composer.svelte.js';

/** Longest side of a thumbnail, in CSS pixels times two for sharp screens. */
const THUMBNAIL_SIDE = 640;

/** The browser's own picture decoding: sizes, composer previews and list thumbnails. */
export const browserPictures: PictureReader = {
  async measure(file: Blob): Promise<PixelSize | null> {
    try {
      const bitmap = await createImageBitmap(file);
      const size = { width: bitmap.width, height: bitmap.height };
      bitmap.close();
      return size.width > 0 && size.height > 0 ? size : null;
    } catch {
      return null;
    }
  },
  async preview(file: Blob): Promise<string | null> {
    try {
      return drawSmall(await createImageBitmap(file), 160);
    } catch {
      return null;
    }
  },
};

/** A data: URL of a picture scaled down to a thumbnail (pictures already small are kept as they are). */
export async function shrinkPicture(dataUrl: string): Promise<string> {
  const image = new Image();
  image.src = dataUrl;
  await image.decode();
  if (Math.max(image.naturalWidth, image.naturalHeight) <= THUMBNAIL_SIDE) return dataUrl;
  return drawSmall(image, THUMBNAIL_SIDE);
}

function drawSmall(source: ImageBitmap | HTMLImageElement, side: number): string {
  const width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
  const height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
  const scale = Math.min(1, side / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
  if (source instanceof ImageBitmap) source.close();
  return canvas.toDataURL('image/webp', 0.85);
}
