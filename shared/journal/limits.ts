/**
 * The journal's size limits, in one place so that the decider, the contract's schemas, the importers and
 * docs/JOURNAL.md agree. Each is generous for a person typing and keeps one event far below the store's
 * 1 MiB line limit (MAX_EVENT_BYTES), so that a message never fails in the store after the decider took it.
 */

/**
 * A message's text, in JavaScript characters (UTF-16 code units). 65,536 is about 10,000 words: a long
 * Day One entry fits, and even text of 3-byte characters stays under 200 KB in its event.
 */
export const MAX_MESSAGE_TEXT_LENGTH = 65_536;

/** Attachments on one message (Telegram allows albums of 10; Day One entries hold a few dozen photos). */
export const MAX_ATTACHMENTS = 32;

/** One attachment's size in bytes (64 MiB): pictures, voice notes and documents, not whole videos. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/** An attachment's file name, in characters. */
export const MAX_ATTACHMENT_NAME_LENGTH = 255;

/** A channel's name, in characters (after trimming white space). */
export const MAX_CHANNEL_NAME_LENGTH = 100;

/** A tag, in characters, without its `#`. */
export const MAX_TAG_LENGTH = 64;

/** Tags added to one message by hand (tags written in the text are not counted). */
export const MAX_ADDED_TAGS = 64;

/** A reaction emoji, in JavaScript characters (a family emoji with skin tones is about 15). */
export const MAX_EMOJI_LENGTH = 32;

/** Ids (channels, messages, edits) are 1 to this many characters of `A-Z a-z 0-9 _ -`, starting with a letter or digit. */
export const MAX_ID_LENGTH = 64;

/** Bytes of one attachment upload chunk (before base64): a request stays far below the socket's 8 MiB. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
