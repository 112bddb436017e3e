/**
 * Stream name patterns of the folder view and the log filter: `*` matches any run of characters and `?`
 * exactly one; a pattern without either matches names that contain it. Case never matters, because people
 * type stream names from memory.
 */
export function streamNameMatcher(pattern: string): (name: string) => boolean {
  const wanted = pattern.toLowerCase();
  if (wanted === '') return () => true;
  if (!/[*?]/.test(wanted)) return (name) => name.toLowerCase().includes(wanted);
  const symbols = Array.from(wanted);
  return (name) => wildcardMatches(symbols, Array.from(name.toLowerCase()));
}

export function hasWildcards(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * The greedy matcher with one backtrack point (the last `*`): at most pattern × name steps, where a
 * regular expression built from a pattern like `*a*a*a*b` can take exponential time on a long name.
 */
function wildcardMatches(pattern: readonly string[], name: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let starMatchedTo = 0;
  while (n < name.length) {
    const symbol = pattern[p];
    if (symbol === '*') {
      star = p++;
      starMatchedTo = n;
    } else if (symbol !== undefined && (symbol === '?' || symbol === name[n])) {
      p++;
      n++;
    } else if (star !== -1) {
      p = star + 1;
      n = ++starMatchedTo;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
