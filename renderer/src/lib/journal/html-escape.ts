/** Text as HTML that shows it as it is: in a module of its own, so plain text needs no sanitizer loaded. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
