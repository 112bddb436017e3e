import path from 'node:path';
import { afterEach } from 'vitest';
import type {
  Answer,
  ContractErrorData,
  PushEvents,
  PushName,
  RequestArg,
  RequestName,
  RequestResult,
} from '../../shared/contract.js';
import type { JsonValue } from '../../shared/event.js';
import {
  createApiSession,
  FolderRegistry,
  RecentFolders,
  type ApiHost,
  type ApiSession,
} from '../../electron/api/index.js';
import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import { useTempFolders } from '../store/temp-folders.js';
import { waitUntil } from '../store/wait-until.js';

export interface Pushed {
  readonly name: PushName;
  readonly payload: unknown;
}

/** A session as a window would hold one, with what it was pushed, and typed calls. */
export class SessionUnderTest {
  readonly pushes: Pushed[] = [];
  readonly session: ApiSession;

  constructor(
    readonly registry: FolderRegistry,
    readonly recent: RecentFolders,
    host: ApiHost = { mode: 'browser' },
    /** Tests that start projection processes pass the compiled api's (the processes load compiled files). */
    create: typeof createApiSession = createApiSession,
  ) {
    this.session = create({
      host,
      registry,
      recent,
      push: (name, payload) => this.pushes.push({ name, payload }),
    });
  }

  answer(name: unknown, arg?: unknown): Promise<Answer<unknown>> {
    return this.session.dispatch(name, arg);
  }

  /** Calls and returns the value; a refusal fails the test with its message. */
  async call<N extends RequestName>(name: N, arg: RequestArg<N>): Promise<RequestResult<N>> {
    const answer = await this.session.dispatch(name, arg);
    if (!answer.ok) throw new Error(`${name} was refused: ${answer.error.code}: ${answer.error.message}`);
    return answer.value as RequestResult<N>;
  }

  /** Calls expecting a refusal, and returns its error. */
  async refusal(name: unknown, arg?: unknown): Promise<ContractErrorData> {
    const answer = await this.session.dispatch(name, arg);
    if (answer.ok) throw new Error(`${String(name)} answered ok: ${JSON.stringify(answer.value)}`);
    return answer.error;
  }

  /** Calls expecting a refusal, and returns its code. */
  async refusalCode(name: unknown, arg?: unknown): Promise<string> {
    return (await this.refusal(name, arg)).code;
  }

  pushed<P extends PushName>(name: P): PushEvents[P][] {
    return this.pushes.filter((push) => push.name === name).map((push) => push.payload as PushEvents[P]);
  }

  async waitForPush<P extends PushName>(
    name: P,
    accept: (payload: PushEvents[P]) => boolean,
    what: string,
  ): Promise<PushEvents[P]> {
    let found: PushEvents[P] | undefined;
    await waitUntil(() => (found = this.pushed(name).find(accept)) !== undefined, what);
    return found!;
  }
}

export interface SeedEvent {
  readonly stream: string;
  readonly type: string;
  readonly data?: JsonValue;
}

/**
 * Per test: temp folders, real event folders seeded through the store, sessions on a shared registry,
 * all closed and removed afterwards.
 */
export function useApiFixture() {
  const tempFolder = useTempFolders('eventfold-api-');
  const sessions: SessionUnderTest[] = [];
  const stores: EventStore[] = [];
  let registry: FolderRegistry | undefined;

  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.session.dispose();
    for (const store of stores.splice(0)) await store.close();
    registry = undefined;
  });

  const fixture = {
    tempFolder,
    get registry(): FolderRegistry {
      return (registry ??= new FolderRegistry());
    },
    recentFile: (): string => path.join(tempFolder(), 'recent-folders.json'),
    session(options: { recent?: RecentFolders; host?: ApiHost } = {}): SessionUnderTest {
      const session = new SessionUnderTest(
        fixture.registry,
        options.recent ?? new RecentFolders(fixture.recentFile()),
        options.host,
      );
      sessions.push(session);
      return session;
    },
    /** A new event folder holding these events, appended in order (one append each). */
    async folder(events: readonly SeedEvent[] = []): Promise<string> {
      const dir = path.join(tempFolder(), 'events');
      await initEventFolder(dir);
      const store = await openEventStore(dir, { watch: false, durability: 'none' });
      for (const event of events) {
        await store.appendToStream(event.stream, [{ type: event.type, data: event.data ?? {} }]);
      }
      await store.close();
      return dir;
    },
    /** A second writer on the folder, as another process would be (its own store, its own index). */
    async writer(dir: string): Promise<EventStore> {
      const store = await openEventStore(dir, { watch: false });
      stores.push(store);
      return store;
    },
    /** A session with the folder open. */
    async opened(dir: string): Promise<SessionUnderTest> {
      const session = fixture.session();
      await session.call('folder.open', { path: dir });
      return session;
    },
  };
  return fixture;
}
