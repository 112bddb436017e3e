import type { ContractErrorCode, ContractErrorData } from '../../shared/contract.js';
import { SchemaError } from '../../shared/schema.js';
import { StoreError } from '../../shared/store-error.js';
import { JournalError } from '../../shared/journal/journal-error.js';
import { errorText } from '../../shared/error-text.js';

/** A refusal by the api itself (no folder open, a request this host cannot serve), with the contract's code. */
export class ContractFailure extends Error {
  override readonly name = 'ContractFailure';
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/**
 * What a failed request answers. Store errors keep their code and details (the page offers a repair for
 * TornTail, shows expected and actual revision for WrongExpectedRevision); anything unexpected becomes
 * 'Internal' with its message only, never a stack trace.
 */
export function failureOf(request: string, error: unknown): ContractErrorData {
  if (error instanceof ContractFailure) return withDetails(error.code, error.message, error.details);
  if (error instanceof StoreError) return withDetails(error.code, error.message, error.details);
  // The journal's refusals (ChannelIsArchived, MessageIsDeleted, …) keep their code: the page says why.
  if (error instanceof JournalError) return withDetails(error.code, error.message, error.details);
  if (error instanceof SchemaError) {
    return withDetails('BadRequest', `${request}: ${error.message}`, {
      request,
      path: error.path,
      expected: error.expected,
    });
  }
  const message = errorText(error);
  return { code: 'Internal', message: `${request} failed: ${message}` };
}

function withDetails(
  code: ContractErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> | undefined,
): ContractErrorData {
  return details === undefined || Object.keys(details).length === 0
    ? { code, message }
    : { code, message, details };
}
