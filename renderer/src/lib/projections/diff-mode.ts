/** How a diff of two states shows: the list of changed paths, or a text diff of the pretty-printed states. */
export type DiffMode = 'changes' | 'unified' | 'side-by-side';
