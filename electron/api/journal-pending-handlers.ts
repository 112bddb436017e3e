import { journalRequestNames, type JournalRequestName } from '../../shared/contract.js';
import { ContractFailure } from './contract-failure.js';
import type { Handler } from './session-context.js';

/**
 * The journal's requests are declared in the contract before their handlers exist (the journal's Node side
 * is being built on top of the domain). Until then each answers 'Unsupported' naming itself, so the
 * contract compiles, every name is served, and nobody mistakes a missing feature for a bug. Whoever
 * implements a request replaces its entry here with the real handler (handlers.ts spreads the real ones
 * after these) and drops it from tests/api/journal-pending.unit.test.ts; when none is left, delete this file.
 */
type PendingHandlers = { readonly [N in JournalRequestName]: Handler<N> };

// Built from the names, so a request added to the journal block is pending without an edit here.
export const pendingJournalHandlers: PendingHandlers = Object.fromEntries(
  journalRequestNames.map((name) => [
    name,
    () =>
      Promise.reject(
        new ContractFailure('Unsupported', `${name} is not built yet: the journal's handlers come next`, {
          request: name,
        }),
      ),
  ]),
) as Record<JournalRequestName, () => Promise<never>>;
