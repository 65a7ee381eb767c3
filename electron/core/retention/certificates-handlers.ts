import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import { verifyCertificate } from './wipe-certificate';

/** Checking a wipe certificate needs no vault: anyone given one can verify it. */
export function certificatesHandlers() {
  return handlerGroup('certificates', {
    async 'certificates.verify'({ certificate }) {
      if (typeof certificate !== 'string')
        throw new LocketError('invalid-argument', 'Give the text of a wipe certificate file.');
      return verifyCertificate(certificate);
    },
  });
}
