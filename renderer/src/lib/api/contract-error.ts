import type { ContractErrorCode, ContractErrorData } from '../../../../shared/contract.js';
import { errorText } from '../../../../shared/error-text.js';

/**
 * A request the Node side refused or could not do, with the contract's code (what the page can offer:
 * a repair for TornTail, both revisions for WrongExpectedRevision) and the details that came with it.
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(data: ContractErrorData) {
    super(data.message);
    this.code = data.code;
    this.details = data.details;
  }
}

/** Anything that is not an Answer (a broken transport, a bridge that threw) as a ContractError. */
export function asContractError(request: string, error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  const message = errorText(error);
  return new ContractError({ code: 'Internal', message: `${request} failed: ${message}` });
}
