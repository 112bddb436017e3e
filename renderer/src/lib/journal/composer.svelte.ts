import type { AttachmentRef } from '../../../../shared/journal/attachment.js';
import type { JournalId } from '../../../../shared/journal/journal-values.js';
import { MAX_ATTACHMENTS } from '../../../../shared/journal/limits.js';
import type { JournalDraft, MessageView } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import { uploadAttachment, UploadCancelled, type PixelSize } from './attachment-upload.js';
import type { JournalSession } from './journal-session.svelte.js';

/** A file in the composer: uploading, uploaded (its reference), or failed with why. */
export interface ComposerFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
  readonly status: 'uploading' | 'ready' | 'failed';
  readonly sent: number;
  readonly ref: AttachmentRef | null;
  /** A small data: picture of an image being attached (the page's CSP allows no blob: URLs). */
  readonly preview: string | null;
  readonly error: string | null;
}

/** What the composer is doing to a message already in the journal. */
export interface EditingMessage {
  readonly message: JournalId;
  readonly baseVersion: number;
}

/** Reads pictures for the composer: their pixel size and a small preview. The page passes the browser's. */
export interface PictureReader {
  measure(file: Blob): Promise<PixelSize | null>;
  preview(file: Blob): Promise<string | null>;
}

const noPictures: PictureReader = {
  measure: () => Promise.resolve(null),
  preview: () => Promise.resolve(null),
};

const SAVE_AFTER_MS = 400;

/**
 * The message composer of the chat view: the text, the files being attached, a reply or an edit in
 * progress, sending, and the draft of each channel kept across restarts in the app's settings (the
 * contract's drafts; never in the folder). One composer serves every channel: switching channels keeps
 * each channel's draft.
 */
export class Composer {
  channel = $state<JournalId | null>(null);
  text = $state('');
  files = $state.raw<readonly ComposerFile[]>([]);
  replyTo = $state.raw<MessageView | null>(null);
  editing = $state.raw<EditingMessage | null>(null);
  sending = $state(false);
  error = $state<string | null>(null);
  /** Bumped when the composer wants the text field focused (after Up, Reply, Edit). */
  focusRequest = $state(0);

  readonly uploading = $derived(this.files.some((file) => file.status === 'uploading'));
  readonly canSend = $derived(
    !this.sending &&
      !this.uploading &&
      (this.text.trim() !== '' || this.files.some((file) => file.status === 'ready')),
  );

  readonly #session: JournalSession;
  readonly #pictures: PictureReader;
  /** Drafts of the other channels, as last saved: a cache the view never shows, so not reactive. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #drafts = new Map<JournalId, JournalDraft>();
  /** The draft put aside while editing a message, given back when the edit ends. */
  #stash: { text: string; files: readonly ComposerFile[]; replyTo: MessageView | null } | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Uploads whose file was removed while sending: read between chunks, never shown. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #cancelledUploads = new Set<string>();

  constructor(session: JournalSession, pictures: PictureReader = noPictures) {
    this.#session = session;
    this.#pictures = pictures;
  }

  /** Loads the folder's drafts (call once, before the first channel shows). */
  async loadDrafts(): Promise<void> {
    try {
      const drafts = await this.#session.api.call('journal.drafts', undefined);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- see #drafts
      this.#drafts = new Map(drafts.map(({ channel, draft }) => [channel, draft]));
    } catch {
      // Drafts are a convenience: without them the composer starts empty.
      this.#drafts.clear();
    }
    if (this.channel !== null) this.#restore(this.channel);
  }

  /** Shows another channel's draft, keeping this one's. */
  switchTo(channel: JournalId | null): void {
    if (channel === this.channel) return;
    this.flush();
    this.channel = channel;
    this.error = null;
    if (channel !== null) this.#restore(channel);
  }

  /** The text changed (typing): the draft is saved shortly after. */
  edited(): void {
    this.#saveSoon();
  }

  startReply(message: MessageView): void {
    this.replyTo = message;
    this.focusRequest += 1;
    this.#saveSoon();
  }

  /** Puts a message's text in the composer to edit it; the draft waits until the edit ends. */
  startEdit(message: MessageView): void {
    if (this.editing === null) this.#stash = { text: this.text, files: this.files, replyTo: this.replyTo };
    this.editing = { message: message.message, baseVersion: message.version };
    this.text = message.text;
    this.replyTo = null;
    this.files = message.attachments.map(readyFile);
    this.error = null;
    this.focusRequest += 1;
    this.#saveSoon();
  }

  /** Escape: ends an edit (the draft comes back) or drops the reply. */
  cancel(): void {
    if (this.editing !== null) {
      const stash = this.#stash;
      this.editing = null;
      this.text = stash?.text ?? '';
      this.files = stash?.files ?? [];
      this.replyTo = stash?.replyTo ?? null;
      this.#stash = null;
    } else {
      this.replyTo = null;
    }
    this.error = null;
    this.#saveSoon();
  }

  /** Attaches files (picked, pasted or dropped): each uploads at once, with progress. */
  async attach(files: readonly (Blob & { readonly name: string })[]): Promise<void> {
    const room = MAX_ATTACHMENTS - this.files.length;
    if (files.length > room) {
      this.error = `A message holds at most ${MAX_ATTACHMENTS} files: ${files.length - Math.max(room, 0)} were left out.`;
    }
    await Promise.all(files.slice(0, Math.max(room, 0)).map((file) => this.#upload(file)));
  }

  removeFile(id: string): void {
    this.#cancelledUploads.add(id);
    this.files = this.files.filter((file) => file.id !== id);
    this.#saveSoon();
  }

  /**
   * Sends the message (or the edit). Answers the message's id once the journal accepted it; on a refusal
   * the text stays in the composer and `error` says why.
   */
  async send(): Promise<JournalId | null> {
    const channel = this.channel;
    if (channel === null || !this.canSend) return null;
    const text = this.text;
    const attachments = this.files.flatMap((file) => (file.ref === null ? [] : [file.ref]));
    this.sending = true;
    this.error = null;
    try {
      let message: JournalId;
      if (this.editing !== null) {
        message = this.editing.message;
        const outcome = await this.#session.run({
          type: 'EditMessage',
          message,
          edit: this.#session.newId(),
          baseVersion: this.editing.baseVersion,
          text,
          attachments,
        });
        if (outcome.conflict) {
          this.error =
            'Someone changed this message at the same time: both texts are kept, choose one on the message.';
        }
        const stash = this.#stash;
        this.editing = null;
        this.#stash = null;
        this.text = stash?.text ?? '';
        this.files = stash?.files ?? [];
        this.replyTo = stash?.replyTo ?? null;
      } else {
        message = this.#session.newId();
        await this.#session.run({
          type: 'PostMessage',
          message,
          channel,
          text,
          attachments,
          ...(this.replyTo === null ? {} : { replyTo: this.replyTo.message }),
        });
        this.text = '';
        this.files = [];
        this.replyTo = null;
      }
      this.#saveNow(channel);
      return message;
    } catch (error) {
      this.error = errorText(error);
      return null;
    } finally {
      this.sending = false;
    }
  }

  /** Saves the shown draft now (leaving the channel or the page). */
  flush(): void {
    if (this.#saveTimer === undefined || this.channel === null) return;
    this.#saveNow(this.channel);
  }

  dispose(): void {
    this.flush();
    clearTimeout(this.#saveTimer);
  }

  #restore(channel: JournalId): void {
    const draft = this.#drafts.get(channel);
    this.#stash = null;
    this.text = draft?.text ?? '';
    this.files = (draft?.attachments ?? []).map(readyFile);
    this.editing = draft?.editing ?? null;
    // The reply's preview is fetched again: the draft keeps only its id.
    this.replyTo = null;
    const replyTo = draft?.replyTo ?? null;
    if (replyTo !== null) {
      void this.#session.api.call('journal.message', { message: replyTo }).then(
        (message) => {
          if (this.channel === channel && this.replyTo === null && !message.deleted) this.replyTo = message;
        },
        () => undefined,
      );
    }
  }

  #draft(): JournalDraft | null {
    const attachments = this.files.flatMap((file) => (file.ref === null ? [] : [file.ref]));
    if (this.text === '' && attachments.length === 0 && this.replyTo === null && this.editing === null) {
      return null;
    }
    return {
      text: this.text,
      replyTo: this.replyTo?.message ?? null,
      attachments,
      editing: this.editing,
      updated: this.#session.now().toISOString(),
    };
  }

  #saveSoon(): void {
    const channel = this.channel;
    if (channel === null) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(channel), SAVE_AFTER_MS);
  }

  #saveNow(channel: JournalId): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    if (channel !== this.channel) return;
    const draft = this.#draft();
    const known = this.#drafts.get(channel) ?? null;
    if (draft === null && known === null) return;
    if (draft === null) this.#drafts.delete(channel);
    else this.#drafts.set(channel, draft);
    void this.#session.api.call('journal.draft.save', { channel, draft }).catch(() => undefined);
  }

  async #upload(file: Blob & { readonly name: string }): Promise<void> {
    const id = this.#session.newId();
    const entry: ComposerFile = {
      id,
      name: file.name,
      size: file.size,
      mediaType: file.type,
      status: 'uploading',
      sent: 0,
      ref: null,
      preview: null,
      error: null,
    };
    this.files = [...this.files, entry];
    const update = (change: Partial<ComposerFile>) => {
      this.files = this.files.map((known) => (known.id === id ? { ...known, ...change } : known));
    };
    const picture = file.type.startsWith('image/');
    try {
      const [size, preview] = picture
        ? await Promise.all([this.#pictures.measure(file), this.#pictures.preview(file)])
        : [null, null];
      if (preview !== null) update({ preview });
      const ref = await uploadAttachment(this.#session.api, file, {
        upload: id,
        size,
        onProgress: (sent) => update({ sent }),
        cancelled: () => this.#cancelledUploads.has(id),
      });
      update({ status: 'ready', ref, mediaType: ref.mediaType, sent: ref.size });
      this.#saveSoon();
    } catch (error) {
      if (error instanceof UploadCancelled) return;
      update({ status: 'failed', error: errorText(error) });
    }
  }
}

function readyFile(ref: AttachmentRef, index: number): ComposerFile {
  return {
    // One file may be attached twice: the place keeps the ids apart.
    id: `${ref.sha256}-${index}`,
    name: ref.name,
    size: ref.size,
    mediaType: ref.mediaType,
    status: 'ready',
    sent: ref.size,
    ref,
    preview: null,
    error: null,
  };
}
