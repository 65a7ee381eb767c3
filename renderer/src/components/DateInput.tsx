import { useState, type InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n/useI18n';
import { parseDayKey } from './day-key';

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  /** The day as "YYYY-MM-DD", or '' for none. */
  value: string;
  onChange(day: string): void;
  /** The first and last days that make sense ("YYYY-MM-DD"), named in the tooltip. */
  min?: string;
  max?: string;
};

/**
 * A date typed as year-month-day, in the app's language. Chromium's native date field writes the day in the
 * operating system's format (mm/dd/yyyy on an English system), whatever language Locket is set to, so this field
 * takes the unambiguous ISO order, which both languages write, and reads 2024/3/1 and 2024年3月1日 too. The parent
 * hears of a day only once it is a real one; what is half typed stays in the field.
 */
export function DateInput({ value, onChange, min, max, className, ...rest }: DateInputProps) {
  const t = useI18n();
  const [text, setText] = useState(value);
  // The parent changed the day (a filter cleared, a form reset): the field shows it.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const day = parseDayKey(text);
  const isInvalid = text.trim() !== '' && day === null;
  const range = min && max ? t.t('date.range', { min, max }) : undefined;
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      className={`${className ?? 'input'} is-date`}
      placeholder={t.t('date.placeholder')}
      title={[t.t('date.hint'), range].filter(Boolean).join(t.locale === 'zh-CN' ? '' : ' ')}
      value={text}
      aria-invalid={isInvalid || undefined}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const parsed = next.trim() === '' ? '' : parseDayKey(next);
        if (parsed !== null && parsed !== value) {
          setShown(parsed);
          onChange(parsed);
        }
      }}
    />
  );
}
