/**
 * Copies text. The Clipboard API needs a secure context and the user's permission; browser mode over plain
 * http on 127.0.0.1 may be refused, so a refusal falls back to the older copy command before giving up.
 * Resolves false when neither worked, so the caller can show the text to copy by hand.
 */
export interface CopyOutcome {
  /** What was copied, in words: "path data.items[2].sku". */
  readonly what: string;
  readonly text: string;
  readonly ok: boolean;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    // Deprecated, but the only fallback when the Clipboard API is refused.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
