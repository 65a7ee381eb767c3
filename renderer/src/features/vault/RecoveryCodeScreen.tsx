import { useState, type FormEvent } from 'react';
import { recoveryCodeGroups } from '../../../../electron/common/recovery-code';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import type { Translator } from '../../i18n/translate';
import { copyText } from '../../services/clipboard';
import { hostAvailable, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { AuthLayout } from './AuthLayout';
import { matchesLastGroup } from './recovery-code';
import { selectIsLockedBehindRecoveryCode, selectRecoveryCode } from './vault-slice';

type CopyState = 'idle' | 'copied' | 'failed';
type SaveState = 'idle' | 'saved' | 'failed';

/** The file "Save as a file" writes: the code and what it is for, in the interface's language. */
function recoveryFileText(t: Translator, groups: readonly string[]): string {
  const now = Math.floor(Date.now() / 1000);
  return [
    t.t('recovery.fileTitle'),
    '',
    groups.join('-'),
    '',
    t.t('recovery.fileMade', { date: t.format.dateTime(now) }),
    t.t('recovery.fileHelp'),
    '',
  ].join('\n');
}

/**
 * The recovery code, shown this once. The person continues only after saying they wrote it down and typing its
 * last group back, which shows they really have it.
 */
export function RecoveryCodeScreen() {
  const t = useI18n();
  const code = useAppStore(selectRecoveryCode);
  const isReplaced = useAppStore((s) => s.vault.isRecoveryCodeReplaced);
  const confirm = useAppStore((s) => s.vault.confirmRecoveryCodeSaved);
  const isLocked = useAppStore(selectIsLockedBehindRecoveryCode);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [hasWrittenDown, setHasWrittenDown] = useState(false);
  const [lastGroup, setLastGroup] = useState('');
  const canSave = hostAvailable('dialog.pickSavePath') && hostAvailable('file.saveText');
  if (!code) return null;
  const groups = recoveryCodeGroups(code);
  const isGroupRight = matchesLastGroup(code, lastGroup);
  const isGroupWrong = lastGroup.length >= (groups.at(-1)?.length ?? 4) && !isGroupRight;
  const isReady = hasWrittenDown && isGroupRight;

  const copy = async () => setCopyState((await copyText(code)) ? 'copied' : 'failed');
  // Main asks where (a save dialog) and writes only there; cancelling leaves the state as it was.
  const save = () => {
    const text = recoveryFileText(t, groups);
    saveTextAs('recovery-code', t.t('recovery.fileName'), text).then(
      (saved) => saved && setSaveState('saved'),
      () => setSaveState('failed'),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isReady) confirm();
  };

  return (
    <AuthLayout
      title={t.t(isReplaced ? 'recovery.replacedTitle' : 'recovery.title')}
      subtitle={<p>{t.t(isReplaced ? 'recovery.replacedSubtitle' : 'recovery.subtitle')}</p>}
    >
      <div className="notice is-warning">
        <Icon name="warning" size={18} />
        <p className="notice-message">{t.t('recovery.onlyOnce')}</p>
      </div>
      {isLocked && (
        <div className="notice is-info" role="status" data-testid="recovery-locked">
          <Icon name="lock" size={18} />
          <p className="notice-message">{t.t('recovery.lockedMeanwhile')}</p>
        </div>
      )}
      <div className="recovery-code" aria-label={t.t('recovery.codeLabel')} data-testid="recovery-code">
        {groups.map((group, i) => (
          <span key={i} className="recovery-group">
            {group}
          </span>
        ))}
      </div>
      <div className="recovery-copy">
        <button type="button" className="button" onClick={() => void copy()}>
          <Icon name={copyState === 'copied' ? 'check' : 'copy'} size={16} />
          {copyState === 'copied' ? t.t('recovery.copied') : t.t('recovery.copy')}
        </button>
        {canSave && (
          <button type="button" className="button" onClick={save}>
            <Icon name={saveState === 'saved' ? 'check' : 'down'} size={16} />
            {saveState === 'saved' ? t.t('recovery.saved') : t.t('recovery.save')}
          </button>
        )}
        <button type="button" className="button" onClick={() => window.print()}>
          <Icon name="file" size={16} />
          {t.t('recovery.print')}
        </button>
        <span className="field-help" aria-live="polite">
          {copyState === 'failed'
            ? t.t('recovery.copyFailed')
            : saveState === 'failed'
              ? t.t('recovery.saveFailed')
              : copyState === 'copied'
                ? t.t('recovery.copiedHint')
                : saveState === 'saved'
                  ? t.t('recovery.savedHint')
                  : ''}
        </span>
      </div>
      {/* Printed alone (app.css hides everything else on paper): the code and what it is for. */}
      <div className="print-sheet" aria-hidden="true">
        <h1>{t.t('recovery.fileTitle')}</h1>
        <p className="print-code">{groups.join('-')}</p>
        <p>{t.t('recovery.fileHelp')}</p>
      </div>
      <form className="form" onSubmit={submit}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={hasWrittenDown}
            onChange={(event) => setHasWrittenDown(event.target.checked)}
            name="written-down"
          />
          <span>{t.t('recovery.writtenDown')}</span>
        </label>
        <div className="field">
          <label htmlFor="recovery-last-group">{t.t('recovery.typeLastGroup', { n: groups.length })}</label>
          <input
            id="recovery-last-group"
            className="input is-code is-short"
            value={lastGroup}
            onChange={(event) => setLastGroup(event.target.value)}
            maxLength={9}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={isGroupWrong || undefined}
          />
          <p className={`field-message ${isGroupWrong ? 'is-error' : ''}`} aria-live="polite">
            {isGroupWrong ? t.t('recovery.lastGroupWrong') : isGroupRight ? t.t('recovery.lastGroupRight') : '\u00a0'}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button is-primary" disabled={!isReady}>
            {t.t(isLocked ? 'recovery.continueToUnlock' : 'recovery.continue')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
