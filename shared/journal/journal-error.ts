/**
 * Why the journal refused a command. A refusal changes nothing; the message says what was wrong and what
 * the user can do, and the code lets the UI and the CLI choose what to offer without parsing the message.
 */
export type JournalRefusalCode =
  // A field that the schema lets through but the journal's rules do not (a bad id or time, a bad order).
  | 'InvalidCommand'
  | 'UnknownChannel'
  /** Another channel already has this id (with another name). */
  | 'ChannelExists'
  /** Another channel already has this name (names are unique ignoring case). */
  | 'ChannelNameTaken'
  | 'InvalidChannelName'
  /** The channel is archived, so it is read-only: unarchive it first. */
  | 'ChannelIsArchived'
  | 'ChannelNotArchived'
  | 'UnknownMessage'
  /** Another message already has this id (with other content). */
  | 'MessageExists'
  /** The message is deleted, so it is read-only: restore it first. */
  | 'MessageIsDeleted'
  | 'MessageNotDeleted'
  /** No text (only white space) and no attachment. */
  | 'EmptyMessage'
  | 'MessageTooLong'
  | 'InvalidAttachment'
  | 'TooManyAttachments'
  /** The message replied to is in another channel or deleted. */
  | 'InvalidReply'
  /** An edit based on a version the message never had. */
  | 'InvalidBaseVersion'
  | 'UnknownConflict'
  | 'InvalidEmoji'
  | 'InvalidTag'
  /** The tag is written in the text: edit the text to remove it. */
  | 'TagInText'
  | 'TooManyTags';

/**
 * Failures of the journal's Node side that the contract passes on: a command that kept losing races
 * (WriteContention), an attachment upload or read that went wrong, an import that stopped.
 */
export type JournalFailureCode =
  | 'WriteContention'
  | 'UnknownUpload'
  | 'AttachmentTooLarge'
  | 'AttachmentMismatch'
  | 'AttachmentMissing'
  | 'ImportFailed';

export type JournalErrorCode = JournalRefusalCode | JournalFailureCode;

/** A refusal or failure of the journal, with a code, a message for a person and details for a program. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    readonly code: JournalErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  toJSON(): { code: JournalErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Throws the refusal (deciders refuse by throwing, as Emmett's do, so `decide` returns only events). */
export function refuse(
  code: JournalRefusalCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw new JournalError(code, message, details);
}
