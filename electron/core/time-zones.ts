import { LocketError } from './errors';
import { timeZoneName } from '../common/zoned-time';

/**
 * A zone name from a request, checked for the core: the math itself (offsets, wall clocks, the host's zone) is in
 * electron/common/zoned-time.ts, shared with the renderer.
 */

/** The zone as Intl names it; a name Intl does not know is refused with a sentence for the person who sent it. */
export function checkTimeZone(timeZone: string): string {
  try {
    return timeZoneName(timeZone);
  } catch (error) {
    throw new LocketError(
      'invalid-argument',
      `"${timeZone}" is not a time zone Locket knows; use an IANA name such as Asia/Shanghai.`,
      { timeZone },
      { cause: error },
    );
  }
}
