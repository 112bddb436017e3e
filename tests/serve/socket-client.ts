import WebSocket from 'ws';
import type { Answer, PushName } from '../../shared/contract.js';

export interface Pushed {
  readonly push: PushName;
  readonly payload: unknown;
}

/** A browser-mode client as the page would be, over a real socket: calls by id, pushes collected. */
export class SocketClient {
  readonly pushes: Pushed[] = [];
  private readonly answers = new Map<number, (answer: Answer<unknown>) => void>();
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id: number; answer: Answer<unknown> } | Pushed;
      if ('push' in message) this.pushes.push(message);
      else this.answers.get(message.id)?.(message.answer);
    });
  }

  static connect(url: string, headers: Record<string, string>): Promise<SocketClient> {
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new SocketClient(socket)));
      socket.once('error', reject);
    });
  }

  call(name: string, arg?: unknown): Promise<Answer<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.socket.send(JSON.stringify({ id, name, arg }));
    });
  }

  /** Sends raw text, for malformed-message tests; resolves with the next answer. */
  sendRaw(text: string): Promise<{ id: unknown; answer: Answer<unknown> }> {
    return new Promise((resolve) => {
      this.socket.once('message', (data: Buffer) =>
        resolve(JSON.parse(data.toString('utf8')) as { id: unknown; answer: Answer<unknown> }),
      );
      this.socket.send(text);
    });
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Tries an upgrade and reports how the server answered: the HTTP status of a refusal, or 101 when the
 * socket opened (and is closed again at once).
 */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', (error) => reject(error));
  });
}
