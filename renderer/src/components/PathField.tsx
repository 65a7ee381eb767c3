import { useId } from 'react';
import { useI18n } from '../i18n/useI18n';
import { pathPicker, type FilePurpose, type FolderPurpose } from '../services/dialog';
import { Icon } from './Icon';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  purpose: FolderPurpose;
  /** Where the path may also be one file (an export file, a bag's .zip): a second button asks the file picker. */
  filePurpose?: FilePurpose;
  placeholder?: string;
  help?: string;
  autoFocus?: boolean;
  name?: string;
  isInvalid?: boolean;
  describedBy?: string;
}

/**
 * A path typed or pasted, with a Browse button that asks the system's folder picker when there is one; with
 * `filePurpose`, two buttons, one for a folder and one for a file (a native picker asks for one or the other).
 */
export function PathField({
  label,
  value,
  onChange,
  purpose,
  filePurpose,
  placeholder,
  help,
  autoFocus,
  name,
  isInvalid,
  describedBy,
}: PathFieldProps) {
  const t = useI18n();
  const id = useId();
  const canBrowse = pathPicker.isAvailable();
  const browse = async (pick: () => Promise<string | null>) => {
    try {
      const path = await pick();
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
          <button
            type="button"
            className="button"
            onClick={() => void browse(() => pathPicker.pickFolder(purpose))}
            disabled={!canBrowse}
          >
            <Icon name="folder" size={16} />
            {t.t(filePurpose ? 'path.browseFolder' : 'path.browse')}
          </button>
          {filePurpose && (
            <button
              type="button"
              className="button"
              onClick={() => void browse(() => pathPicker.pickFile(filePurpose))}
              disabled={!canBrowse}
            >
              <Icon name="file" size={16} />
              {t.t('path.browseFile')}
            </button>
          )}
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
