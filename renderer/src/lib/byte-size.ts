const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** Folder sizes as people read them in a file manager: 1.4 MB, 312 KB, 18 bytes (powers of 1024). */
export function byteSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit] ?? ''}`;
}
