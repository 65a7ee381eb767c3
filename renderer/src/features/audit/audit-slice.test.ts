import { describe, expect, it } from 'vitest';
import type { WipeCertificate } from '../../../../electron/ipc/contract';
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
});
