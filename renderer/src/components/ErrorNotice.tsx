import type { ErrorShape } from '../../../electron/ipc/contract';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/useI18n';
import { Icon } from './Icon';

/** An error as a person reads it: the translated sentence, and the core's own detail when it adds something. */
export function ErrorNotice({ error, id }: { error: ErrorShape; id?: string }) {
  const t = useI18n();
  const { message, detail } = errorText(t, error);
  return (
    <div className="notice is-error" role="alert" id={id} data-error-code={error.code}>
      <Icon name="warning" size={18} />
      <div>
        <p className="notice-message">{message}</p>
        {detail && <p className="notice-detail">{detail}</p>}
      </div>
    </div>
  );
}
