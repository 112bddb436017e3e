import type {
  Answer,
  EventfoldApi,
  PushEvents,
  PushName,
  RequestArg,
  RequestName,
  RequestResult,
} from '../../../../shared/contract.js';
import { ContractError } from './contract-error.js';

interface Pending {
  readonly name: RequestName;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: ContractError) => void;
}

type ServerMessage =
  | { readonly id: string | number | null; readonly answer: Answer<unknown> }
  | { readonly push: PushName; readonly payload: unknown };

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5000;

/**
 * Browser mode's api: one WebSocket to `/api` on the page's own origin (the server's HttpOnly cookie
 * carries the token). Answers are matched to calls by id. When the socket drops, calls waiting for an
 * answer fail at once with code 'Closed', the socket reconnects with growing pauses, and on reconnecting
 * the page hears `folder.changed` (its new session has the served folder open again; log views must be
 * opened anew).
 */
export class SocketApi implements EventfoldApi {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<PushName, Set<(payload: unknown) => void>>();
  private nextId = 1;
  private retryMs = FIRST_RETRY_MS;
  private everOpen = false;
  private closed = false;
  private connected = false;

  private constructor(private readonly url: string) {}

  /** Resolves once the first connection is open; rejects when the server cannot be reached. */
  static connect(url: string): Promise<SocketApi> {
    const api = new SocketApi(url);
    return new Promise((resolve, reject) => {
      api.open(
        () => resolve(api),
        () =>
          reject(
            new ContractError({
              code: 'Closed',
              message: `Could not reach Eventfold at ${url}: is \`eventfold serve\` still running? Open the address it printed.`,
            }),
          ),
      );
    });
  }

  call<N extends RequestName>(name: N, arg: RequestArg<N>): Promise<RequestResult<N>> {
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN) {
      return Promise.reject(
        new ContractError({
          code: 'Closed',
          message: `${name}: not connected to Eventfold (reconnecting); try again in a moment`,
        }),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, name, arg }));
    });
  }

  on<P extends PushName>(name: P, listener: (payload: PushEvents[P]) => void): () => void {
    let set = this.listeners.get(name);
    if (set === undefined) this.listeners.set(name, (set = new Set()));
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  /** Stops for good: closes the socket and does not reconnect (a page being torn down, tests). */
  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private open(onFirstOpen?: () => void, onFirstFailure?: () => void): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = FIRST_RETRY_MS;
      this.connected = true;
      if (!this.everOpen) {
        this.everOpen = true;
        onFirstOpen?.();
      } else {
        this.emit('app.connection', { connected: true });
        void this.announceReconnect();
      }
    });
    // A failed connection is reported again by 'close', which is where it is handled.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') this.receive(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.failPending();
      if (!this.everOpen) return onFirstFailure?.();
      if (this.closed) return;
      if (this.connected) this.emit('app.connection', { connected: false });
      this.connected = false;
      setTimeout(() => {
        if (!this.closed) this.open();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
    });
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if ('push' in message) return this.emit(message.push, message.payload);
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (pending === undefined) return;
    this.pending.delete(message.id as number);
    if (message.answer.ok) pending.resolve(message.answer.value);
    else pending.reject(new ContractError(message.answer.error));
  }

  private emit(name: PushName, payload: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  private failPending(): void {
    for (const [id, { name, reject }] of this.pending) {
      this.pending.delete(id);
      reject(
        new ContractError({
          code: 'Closed',
          message: `${name}: the connection to Eventfold closed before it answered`,
        }),
      );
    }
  }

  private async announceReconnect(): Promise<void> {
    try {
      this.emit('folder.changed', await this.call('folder.current', undefined));
    } catch {
      // The next drop or push will tell the page; nothing to add here.
    }
  }
}
