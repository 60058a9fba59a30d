import { warnOnce } from './emit-warning.ts';
import { InsecureRequestWarning } from './warning-classes.ts';

/**
 * Emits {@link InsecureRequestWarning} for an unverified HTTPS request to `host`, once per host
 * per process. Call it for every such request; repeats cost one Set lookup.
 *
 * @returns true when the warning was emitted now.
 */
export function warnInsecureRequest(host: string): boolean {
  return warnOnce(
    `InsecureRequestWarning:${host}`,
    () =>
      new InsecureRequestWarning(
        `Unverified HTTPS request is being made to host '${host}'. Adding certificate ` +
          `verification is strongly advised (certReqs: 'CERT_REQUIRED'). Silence this with ` +
          `disableWarnings(InsecureRequestWarning) or node --disable-warning=InsecureRequestWarning.`,
      ),
  );
}
