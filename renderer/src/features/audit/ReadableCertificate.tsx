import { readableCertificate } from '../../../../electron/common/certificate-lines';
import { useRecordWriter } from './useRecordWriter';
import './audit.css';

/** A wipe certificate for people, in the app's language and zone: the same lines `locket verify-certificate` prints. */
export function ReadableCertificate({ body }: { body: Record<string, unknown> }) {
  const w = useRecordWriter();
  const readable = readableCertificate(w, body);
  return (
    <div className="readable-certificate" data-testid="readable-certificate" lang={w.language}>
      <h4>{readable.title}</h4>
      <dl>
        {readable.sections.map((s) => (
          <div key={s.label} className="readable-certificate-row">
            <dt>{s.label}</dt>
            <dd>
              {s.lines.map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="readable-certificate-footer">{readable.footer}</p>
    </div>
  );
}
