import type { ServerCheckResult } from '../shared/desktop-api.js';

/** What the first-run page does after checking an address. */
export type SetupStep =
  | { kind: 'show-error'; message: string }
  | { kind: 'confirm-insecure'; message: string }
  | { kind: 'use' };

/**
 * Decides the first-run page's next step: a refused address shows why; a plain-http server on
 * another machine needs an explicit "Connect anyway" (passwords would cross the network in
 * clear text); anything else is used.
 *
 * @example
 * nextSetupStep(await parleySetup.checkServer(input), false);
 */
export function nextSetupStep(result: ServerCheckResult, insecureConfirmed: boolean): SetupStep {
  if (!result.ok) return { kind: 'show-error', message: result.message };
  if (result.insecure && !insecureConfirmed) {
    return {
      kind: 'confirm-insecure',
      message: `${result.origin} does not use HTTPS: your password and messages would cross the network unencrypted. Connect anyway only on a network you trust.`,
    };
  }
  return { kind: 'use' };
}
