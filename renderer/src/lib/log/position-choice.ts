/** Where the user asked the log view to go. */
export type PositionChoice =
  | { readonly kind: 'oldest' | 'newest' | 'live' }
  | { readonly kind: 'position'; readonly position: number }
  | { readonly kind: 'time'; readonly time: string };
