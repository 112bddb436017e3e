/**
 * How well a palette entry matches what the user typed, 0 for not at all. Every typed word must be found in
 * the label or the keywords: as a word's start (best), anywhere, or as letters in order in the label
 * (`gtov` finds "Go to the overview"). Case and accents do not matter.
 */
export function matchScore(typed: string, label: string, keywords = ''): number {
  const words = fold(typed)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return 1;
  const name = fold(label);
  const all = `${name} ${fold(keywords)}`;
  let score = 0;
  for (const word of words) {
    const at = all.indexOf(word);
    if (at !== -1) score += at === 0 || /[\s\-_./#]/.test(all[at - 1]!) ? 3 : 2;
    else if (inOrder(word, name)) score += 1;
    else return 0;
  }
  if (name.startsWith(words.join(' '))) score += 2;
  return score;
}

function inOrder(word: string, text: string): boolean {
  let at = 0;
  for (const char of word) {
    at = text.indexOf(char, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
