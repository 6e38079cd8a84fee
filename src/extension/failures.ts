import { isHelpScoutError, isNamedError, isQueryValidationError } from '../core/errors';
import { sayProblem } from '../core/problemWords';

/** Raised when a command needs an account and there is none (nor sample mode). */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() {
    super('Not signed in to Help Scout. Sign in, or try the extension with sample data.');
  }
}

export const ACTION = {
  signIn: 'Sign In',
  trySample: 'Try with Sample Data',
  editQuery: 'Edit Query',
  retry: 'Retry',
  openLog: 'Open Log',
  copyLogRef: 'Copy logRef',
  comparePlans: 'Compare Plans',
} as const;

/** Help Scout's plans; reports need Plus or Pro. */
export const PLANS_URL = 'https://www.helpscout.com/pricing/';

/** The words and the buttons for a failure: what happened, Help Scout's message, logRef, the fix. */
export function describeFailure(error: unknown, subject: string): { message: string; actions: string[] } {
  const prefix = `Help Scout: ${subject}`;
  if (isNamedError(error, 'NotSignedInError')) {
    return { message: `${prefix}: ${error.message}`, actions: [ACTION.signIn, ACTION.trySample] };
  }
  if (isQueryValidationError(error)) {
    // Plain words here; the field names stay in the error object and the log.
    return { message: `${prefix}: the query cannot be sent. ${error.problems.map((p) => sayProblem(p)).join(' ')}`, actions: [ACTION.editQuery] };
  }
  if (isHelpScoutError(error)) {
    const parts = [error.message];
    if (error.apiMessage && !error.message.includes(error.apiMessage)) parts.push(`Help Scout said: “${error.apiMessage}”.`);
    for (const field of error.fieldErrors) {
      const line = `${field.path}: ${field.message}`;
      if (!error.message.includes(line)) parts.push(line);
    }
    if (error.logRef && !error.message.includes(error.logRef)) parts.push(`logRef: ${error.logRef}`);
    const actions: string[] = [];
    switch (error.kind) {
      case 'auth':
        actions.push(ACTION.signIn);
        break;
      case 'validation':
      case 'notFound':
        actions.push(ACTION.editQuery);
        break;
      case 'forbidden':
        actions.push(ACTION.trySample, ACTION.comparePlans);
        break;
      case 'cancelled':
        break;
      default:
        actions.push(ACTION.retry);
    }
    if (error.logRef) actions.push(ACTION.copyLogRef);
    actions.push(ACTION.openLog);
    return { message: `${prefix}: ${parts.join(' ')}`, actions };
  }
  return { message: `${prefix}: ${error instanceof Error ? error.message : String(error)}`, actions: [ACTION.openLog] };
}
