import { describe, expect, it } from 'vitest';
import type { BagVerification, WipeCertificate } from '../../../../electron/ipc/contract';
import { LocketRequestError } from '../../services/locket';
import { fakeClient, settle, testStore } from '../../store/fake-client';

const CERTIFICATE: WipeCertificate = {
  body: { type: 'locket-wipe-certificate', auditSequence: 4 },
  signature: 'sig',
  text: 'LOCKET WIPE CERTIFICATE',
};

describe('audit slice', () => {
  it('loads the names and certificates, reopens one and checks it again, and forgets it on lock', async () => {
    const client = fakeClient();
    client.handle('audit.names', () => ({ conversations: [{ id: 3, displayName: 'Lena' }], classes: [], holds: [] }));
    client.handle('certificates.list', () => [
      { id: 7, issuedAt: 1, auditSequence: 4, messages: 12, conversations: 1, rule: 'expired' },
    ]);
    client.handle('certificates.get', ({ id }) => {
      if (id !== 7) throw new Error('no such certificate');
      return CERTIFICATE;
    });
    let checks = 0;
    client.handle('certificates.verify', ({ certificate }) => {
      checks++;
      // What is checked is the certificate file as saved: its body and signature.
      expect(JSON.parse(certificate)).toMatchObject({ body: CERTIFICATE.body, signature: 'sig' });
      return checks === 1
        ? { isValid: true, fingerprint: 'ab', problemCode: null, problem: null }
        : { isValid: false, fingerprint: 'ab', problemCode: 'signature-mismatch' as const, problem: 'altered' };
    });
    const store = testStore(client);
    const s = () => store.getState().audit;

    await s().load();
    expect(s().names?.conversations).toEqual([{ id: 3, displayName: 'Lena' }]);
    expect(s().certificates?.map((c) => c.auditSequence)).toEqual([4]);

    await s().openCertificate(7);
    expect(s().opened).toMatchObject({ id: 7, certificate: CERTIFICATE, check: { isValid: true } });
    await s().verifyOpened();
    expect(s().opened?.check).toMatchObject({ isValid: false, problemCode: 'signature-mismatch' });

    s().setFilter({ action: 'wipe' });
    s().setFilter({ from: '2026-10-01' });
    expect(s().filter).toEqual({ action: 'wipe', from: '2026-10-01', to: '' });

    s().resetOnLock();
    await settle();
    expect(s()).toMatchObject({
      names: null,
      certificates: null,
      opened: null,
      filter: { action: '', from: '', to: '' },
    });
  });

  it('keeps the error of a certificate it cannot reopen, and opens nothing', async () => {
    const client = fakeClient();
    const store = testStore(client);
    await store.getState().audit.openCertificate(99);
    expect(store.getState().audit.opened).toBeNull();
    expect(store.getState().audit.error).not.toBeNull();
  });

  it('checks a bag, shows only the latest check, keeps why there was no bag, and forgets it on lock', async () => {
    const client = fakeClient();
    const broken: BagVerification = {
      isValid: false,
      identifier: 'urn:uuid:1',
      files: 9,
      problems: [
        { file: 'data/media/bomb.bin', problem: 'malformed', detail: 'a zip bomb', reason: 'zip-bomb', values: ['1'] },
      ],
      signature: { isValid: false, fingerprint: null, problem: 'not checked', reason: 'not-checked', isChecked: false },
    };
    const answers = new Map<string, () => Promise<BagVerification>>();
    client.handle('bags.verify', ({ path }) => answers.get(path)!());
    let releaseSlow: () => void = () => {};
    answers.set('/slow.zip', () => new Promise((done) => (releaseSlow = () => done({ ...broken, files: 1 }))));
    answers.set('/bomb.zip', async () => broken);
    answers.set('/nothing', async () => {
      throw new LocketRequestError({
        code: 'invalid-argument',
        message: 'There is no bag at /nothing.',
        details: { path: '/nothing', reason: 'no-bag-at-path' },
      });
    });
    const store = testStore(client);
    const s = () => store.getState().audit;

    const slow = s().checkBag('/slow.zip');
    expect(s().bag).toMatchObject({ path: '/slow.zip', isChecking: true, verification: null });
    await s().checkBag('/bomb.zip');
    // The slow answer arrives after a later check: it is not shown.
    releaseSlow();
    await slow;
    expect(s().bag).toMatchObject({ path: '/bomb.zip', isChecking: false, verification: broken, error: null });

    await s().checkBag('/nothing');
    expect(s().bag).toMatchObject({
      path: '/nothing',
      verification: null,
      error: { code: 'invalid-argument', details: { reason: 'no-bag-at-path' } },
    });
    // A bag that cannot be checked is not the Audit tab's error.
    expect(s().error).toBeNull();

    s().closeBag();
    expect(s().bag).toBeNull();
    await s().checkBag('/bomb.zip');
    s().resetOnLock();
    await settle();
    expect(s().bag).toBeNull();
  });
});
