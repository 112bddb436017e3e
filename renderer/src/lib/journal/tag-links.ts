/** A tag's link: the view turns a click on it into a search for the tag (see tagOfLink). */
export const TAG_LINK = '#tag/';

/** The tag a `#tag` link stands for, or undefined for any other link. */
export function tagOfLink(href: string | null): string | undefined {
  if (!href?.startsWith(TAG_LINK)) return undefined;
  try {
    return decodeURIComponent(href.slice(TAG_LINK.length));
  } catch {
    return undefined;
  }
}
