import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import { verifyBag } from './verify-bag';

/** Checking an evidence bag needs no vault: anyone given one can verify it. */
export function bagsHandlers() {
  return handlerGroup('bags', {
    async 'bags.verify'(args) {
      if (!args || typeof args.path !== 'string' || !args.path)
        throw new LocketError('invalid-argument', 'Give the path of a bag folder or .zip.');
      return verifyBag(args.path);
    },
  });
}
