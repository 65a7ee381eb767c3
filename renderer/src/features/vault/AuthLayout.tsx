import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import './vault.css';

/**
 * The frame of the screens before a vault is open: the app's mark, one card, and a language switch, so a person
 * can change language before typing anything.
 */
export function AuthLayout({
  title,
  subtitle,
  children,
  wide = false,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const t = useI18n();
  const setLanguage = useAppStore((s) => s.settings.setLanguage);
  const other = t.locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <div className="auth">
      <header className="auth-top">
        <span className="brand">
          <span className="brand-mark">
            <Icon name="app" size={18} />
          </span>
          Locket
        </span>
        <button
          type="button"
          className="button is-quiet is-small"
          onClick={() => setLanguage(other)}
          lang={other}
          // The name is the word shown ("English", "中文"), as WCAG 2.5.3 asks; the tooltip says what it changes.
          title={t.t('settings.language')}
        >
          {other === 'zh-CN' ? '中文' : 'English'}
        </button>
      </header>
      <main className={`auth-card ${wide ? 'is-wide' : ''}`}>
        <h1 className="auth-title">{title}</h1>
        {subtitle && <div className="auth-subtitle">{subtitle}</div>}
        {children}
      </main>
      <footer className="auth-footer">{t.t('app.offlinePromise')}</footer>
    </div>
  );
}
