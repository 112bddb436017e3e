import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Answer } from '../../shared/contract.js';
import { createApiSession, type FolderRegistry, type RecentFolders } from '../api/index.js';
import { errorText } from '../../shared/error-text.js';

/** An event line is at most 1 MiB; its JSON inside a message, escaped, fits well under this. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface ApiSocketOptions {
  /** The folder each new socket's session opens (the page asks `folder.current`). */
  readonly folder: string;
  readonly registry: FolderRegistry;
  readonly recent: RecentFolders;
}

/** What travels on browser mode's socket: requests and answers matched by id, and pushes. */
export interface SocketRequest {
  readonly id: string | number;
  readonly name: string;
  readonly arg?: unknown;
}
export interface SocketAnswer {
  readonly id: string | number | null;
  readonly answer: Answer<unknown>;
}

/**
 * The contract over WebSockets: one api session a socket, opened on the served folder, disposed when the
 * socket closes. Requests run concurrently; answers carry the request's id.
 */
export class ApiSockets {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  constructor(private readonly options: ApiSocketOptions) {
    this.server.on('connection', (socket) => this.serve(socket));
  }

  /** For StaticServerOptions.onSocket: the upgrade has passed the token, Host and Origin checks. */
  readonly accept = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  };

  private serve(socket: WebSocket): void {
    const send = (message: unknown): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const session = createApiSession({
      host: { mode: 'browser' },
      registry: this.options.registry,
      recent: this.options.recent,
      push: (name, payload) => send({ push: name, payload }),
    });
    // Requests wait for the served folder to be open, so the page's first folder.current already has it.
    const ready = session.openFolder(this.options.folder).then(
      () => undefined,
      (error: unknown) =>
        send({
          push: 'app.error',
          payload: { message: errorText(error) },
        }),
    );
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const request = parseRequest(data, isBinary);
      if ('answer' in request) return send(request);
      void ready
        .then(() => session.dispatch(request.name, request.arg))
        .then((answer) => send({ id: request.id, answer } satisfies SocketAnswer));
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => void ready.then(() => session.dispose()));
  }

  /** Closes every socket (their sessions release the folder). */
  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseRequest(data: RawData, isBinary: boolean): SocketRequest | SocketAnswer {
  let message: unknown;
  try {
    if (isBinary) throw new Error('binary');
    message = JSON.parse(rawText(data));
  } catch {
    return badMessage(null, 'A message must be JSON text: {"id", "name", "arg"}');
  }
  const { id, name, arg } = (message ?? {}) as Partial<Record<'id' | 'name' | 'arg', unknown>>;
  const usableId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
  if (typeof message !== 'object' || message === null || usableId === null) {
    return badMessage(
      usableId,
      'A message must be an object with an "id" (string or number), a "name" and an "arg"',
    );
  }
  // An unknown or missing name is the api's to refuse, with the same answer as over IPC.
  return { id: usableId, name: name as string, arg };
}

function badMessage(id: string | number | null, message: string): SocketAnswer {
  return { id, answer: { ok: false, error: { code: 'BadRequest', message } } };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(new Uint8Array(data)).toString('utf8');
}
