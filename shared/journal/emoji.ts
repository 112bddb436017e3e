import { MAX_EMOJI_LENGTH } from './limits.js';

// One emoji as people pick it: pictographs with their modifiers, variation selectors and joiners, flags
// (regional indicator pairs) and keycaps. Letters, digits alone and white space are not reactions.
const EMOJI_PARTS =
  /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3)+$/u;
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * True for a reaction: one emoji, or a short run of them (a sequence joined with U+200D counts as one). A
 * reaction is stored exactly as given, so that 👍 and 👍🏽 are two reactions, as in chat apps.
 */
export function isReactionEmoji(value: string): boolean {
  return (
    value.length > 0 && value.length <= MAX_EMOJI_LENGTH && EMOJI_PARTS.test(value) && EMOJI_CORE.test(value)
  );
}
