import { useId } from 'react';
import { useI18n } from '../i18n/useI18n';
import { folderPicker, type FolderPurpose } from '../services/dialog';
import { Icon } from './Icon';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  purpose: FolderPurpose;
  placeholder?: string;
  help?: string;
  autoFocus?: boolean;
  name?: string;
  isInvalid?: boolean;
  describedBy?: string;
}

/** A folder path typed or pasted, with a Browse button that asks the system's folder picker when there is one. */
export function PathField({
  label,
  value,
  onChange,
  purpose,
  placeholder,
  help,
  autoFocus,
  name,
  isInvalid,
  describedBy,
}: PathFieldProps) {
  const t = useI18n();
  const id = useId();
  const canBrowse = folderPicker.isAvailable();
  const browse = async () => {
    try {
      const path = await folderPicker.pickFolder(purpose);
      if (path) onChange(path);
    } catch {
      // The dialog could not open; the field still takes a typed path.
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          name={name}
          className="input is-path"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={placeholder}
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={isInvalid || undefined}
          aria-describedby={[help ? `${id}-help` : '', describedBy ?? ''].join(' ').trim() || undefined}
        />
        <span className="browse-wrap" title={canBrowse ? undefined : t.t('path.browseUnavailable')}>
          <button type="button" className="button" onClick={() => void browse()} disabled={!canBrowse}>
            <Icon name="folder" size={16} />
            {t.t('path.browse')}
          </button>
        </span>
      </div>
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}
