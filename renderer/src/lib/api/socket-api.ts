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
 *
 * A browser does not say why a WebSocket could not open, so after a failed attempt the client asks the
 * page's address over plain HTTP: no answer means the server is away (`unreachable`, it keeps trying); a
 * refusal of the token means another run of the server holds the address now (`restarted`): this page's
 * token will never work again, so it stops and `app.connection` says so, for the page to tell the user
 * where the new address is.
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
  private loss: 'unreachable' | 'restarted' | undefined;

  private constructor(
    private readonly url: string,
    /** The page's address, asked over HTTP to tell a stopped server from a restarted one. */
    private readonly probeUrl: string | undefined,
    private readonly probe: (url: string) => Promise<number> = probeStatus,
  ) {}

  /**
   * Resolves once the first connection is open; rejects when the server cannot be reached. `probeUrl` is
   * the page's own address with its token, asked when a reconnect fails (see the class comment).
   */
  static connect(url: string, probeUrl?: string): Promise<SocketApi> {
    const api = new SocketApi(url, probeUrl);
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
        this.loss = undefined;
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
      const wasConnected = this.connected;
      this.connected = false;
      if (wasConnected) {
        this.loss = 'unreachable';
        this.emit('app.connection', { connected: false, loss: 'unreachable' });
      } else void this.tellWhy();
      setTimeout(() => {
        if (!this.closed) this.open();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
    });
  }

  /** A reconnect failed: asks the page's address whether a server is there and refuses this page's token. */
  private async tellWhy(): Promise<void> {
    if (this.probeUrl === undefined || this.loss === 'restarted') return;
    let status: number;
    try {
      status = await this.probe(this.probeUrl);
    } catch {
      // Nothing answers: the server is away; the socket keeps trying.
      return;
    }
    if (status !== 401 && status !== 403) return;
    this.loss = 'restarted';
    this.closed = true;
    this.emit('app.connection', { connected: false, loss: 'restarted' });
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

/** The HTTP status of the address, asked without following anything; rejects when nothing answers. */
async function probeStatus(url: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
  return response.status;
}
