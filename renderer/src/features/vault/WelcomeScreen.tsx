import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { AuthLayout } from './AuthLayout';

/** The first screen on a computer with no vault: make one, or open one made before. */
export function WelcomeScreen() {
  const t = useI18n();
  const show = useAppStore((s) => s.vault.show);
  return (
    <AuthLayout title={t.t('welcome.title')} subtitle={<p>{t.t('welcome.subtitle')}</p>} wide>
      <div className="choice-grid">
        <button type="button" className="choice" onClick={() => show('create', '')}>
          <Icon name="lock" size={28} />
          <span className="choice-title">{t.t('welcome.create')}</span>
          <span className="choice-text">{t.t('welcome.createText')}</span>
        </button>
        <button type="button" className="choice" onClick={() => show('unlock', '')}>
          <Icon name="folder" size={28} />
          <span className="choice-title">{t.t('welcome.open')}</span>
          <span className="choice-text">{t.t('welcome.openText')}</span>
        </button>
      </div>
      <div className="demo-offer">
        <div>
          <p className="demo-offer-title">{t.t('welcome.demo')}</p>
          <p className="demo-offer-text">{t.t('welcome.demoText')}</p>
        </div>
        <button type="button" className="button" onClick={() => show('demo')}>
          <Icon name="chat" size={16} />
          {t.t('welcome.demo')}
        </button>
      </div>
    </AuthLayout>
  );
}
