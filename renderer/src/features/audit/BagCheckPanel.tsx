import { bagProblemDetail, bagProblemKindText } from '../../../../electron/common/bag-problems';
import { bagRefusalText } from '../../../../electron/common/bag-refusals';
import { signatureProblemText } from '../../../../electron/common/bag-signature-problems';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectCheckedBag, type CheckedBag } from './audit-slice';
import './audit.css';

/**
 * An evidence bag (a folder or a .zip) checked offline, as `locket verify` checks it: the verdict, and each problem
 * with its file, said in the app's language from the same tables as the CLI's `--lang` (electron/common).
 */
export function BagCheckPanel() {
  const t = useI18n();
  const bag = useAppStore(selectCheckedBag);
  const checkBag = useAppStore((s) => s.audit.checkBag);
  const [path, setPath] = useState('');
  const typed = path.trim();
  return (
    <section className="panel audit-panel bag-check-panel" aria-labelledby="audit-bag-check">
      <div className="panel-head">
        <h2 id="audit-bag-check">{t.t('audit.bag.title')}</h2>
      </div>
      <p className="field-help">{t.t('audit.bag.help')}</p>
      <form
        className="bag-check-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed) void checkBag(typed);
        }}
      >
        <PathField
          label={t.t('audit.bag.path')}
          value={path}
          onChange={setPath}
          purpose="bag-check"
          filePurpose="bag-check"
          placeholder={t.t('audit.bag.placeholder')}
          name="bag-path"
        />
        <div className="form-actions">
          <button type="submit" className="button is-primary" disabled={!typed || bag?.isChecking}>
            {t.t('audit.bag.check')}
          </button>
        </div>
      </form>
      {bag && <BagVerdict bag={bag} />}
    </section>
  );
}

function BagVerdict({ bag }: { bag: CheckedBag }) {
  const t = useI18n();
  if (bag.isChecking)
    return (
      <p className="field-help" role="status">
        {t.t('audit.bag.checking')}
      </p>
    );
  if (bag.error) {
    // No bag to check at all (nothing at the path, not a zip): the core's reason, in the app's language.
    const refusal = bagRefusalText(t.locale, bag.error.details);
    return refusal ? (
      <div className="notice is-error" role="alert" data-testid="bag-verdict">
        <Icon name="warning" size={18} />
        <p className="notice-message">{refusal}</p>
      </div>
    ) : (
      <ErrorNotice error={bag.error} />
    );
  }
  const v = bag.verification;
  if (!v) return null;
  const fingerprint = v.signature.fingerprint;
  // Why the signature is not valid, from its code (as `locket verify --lang` says it).
  const signatureWhy = v.signature.isValid ? null : signatureProblemText(t.locale, v.signature);
  if (v.isValid)
    return (
      <div className="notice is-success" role="status" data-testid="bag-verdict">
        <Icon name="check" size={18} />
        <div>
          <p className="notice-message">{t.t('audit.bag.intact')}</p>
          {fingerprint && (
            <>
              <p className="bag-fingerprint is-mono">{fingerprint}</p>
              <p className="notice-detail">{t.t('audit.bag.fingerprint')}</p>
            </>
          )}
        </div>
      </div>
    );
  return (
    <div className="notice is-error" role="alert" data-testid="bag-verdict">
      <Icon name="warning" size={18} />
      <div>
        <p className="notice-message">
          {v.problems.length > 0
            ? t.plural('audit.bag.problems', v.problems.length)
            : t.t('audit.bag.signatureInvalid')}
        </p>
        {signatureWhy && (
          <p className="notice-detail bag-signature" data-testid="bag-signature">
            {t.t('audit.bag.signatureWhy', { why: signatureWhy })}
          </p>
        )}
        <ul className="bag-problems">
          {v.problems.map((p) => (
            <li key={`${p.file}\u0000${p.problem}`} data-problem={p.problem}>
              <strong>{bagProblemKindText(t.locale, p.problem)}</strong> <span className="is-path">{p.file}</span>
              <span className="notice-detail">{sentence(bagProblemDetail(t.locale, p))}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A detail as a line of its own: the CLI's English details begin in lower case (they follow the file's name). */
function sentence(detail: string): string {
  return detail.charAt(0).toUpperCase() + detail.slice(1);
}
