/** The message of anything thrown, for a line a person reads (a thrown string or number has no `.message`). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
