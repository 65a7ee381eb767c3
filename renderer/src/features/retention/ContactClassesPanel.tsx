import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { ChangeImpactDialog } from './ChangeImpactDialog';
import { keepText } from './keep-text';
import { contactsWithClasses, selectContactClassMap, selectRetentionBusy } from './retention-slice';
import { useClasses } from './useClasses';

/** Contacts whose class applies to their 1:1 chat; assigned from a chat's header, removable here. */
export function ContactClassesPanel() {
  const t = useI18n();
  const classes = useClasses();
  const conversations = useAppStore((s) => s.archive.conversations);
  const sessionClasses = useAppStore(selectContactClassMap);
  const busy = useAppStore(selectRetentionBusy);
  const assignContact = useAppStore((s) => s.retention.assignContact);
  const contacts = useMemo(() => contactsWithClasses(conversations, sessionClasses), [conversations, sessionClasses]);
  /** The contact whose class is being removed, waiting in the impact dialog. */
  const [removing, setRemoving] = useState<{ username: string; displayName: string } | null>(null);
  return (
    <section className="panel retention-panel" aria-labelledby="retention-contacts">
      <div className="panel-head">
        <h2 id="retention-contacts">{t.t('retention.contacts')}</h2>
      </div>
      <p className="field-help">{t.t('retention.contactsHelp')}</p>
      {contacts.length === 0 ? (
        <p className="field-help">{t.t('retention.noContacts')}</p>
      ) : (
        <ul className="class-list">
          {contacts.map((contact) => {
            const c = classes?.find((x) => x.id === contact.classId);
            return (
              <li key={contact.username} className="class-row contact-class-row" data-username={contact.username}>
                <span className="class-swatch" style={{ background: c?.color ?? 'var(--border)' }} aria-hidden="true" />
                <span className="class-main">
                  <span className="class-name">{contact.displayName}</span>
                  <span className="class-description">{contact.username}</span>
                </span>
                <span className="class-keep">{c ? `${c.name} · ${keepText(t, c)}` : '—'}</span>
                <span className="class-actions">
                  <button
                    type="button"
                    className="button is-small is-quiet"
                    onClick={() => setRemoving(contact)}
                    disabled={busy}
                  >
                    {t.t('retention.removeContactClass')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {removing && (
        <ChangeImpactDialog
          title={t.t('retention.impact.contactTitle')}
          summary={t.t('retention.impact.contactSummary', {
            chat: removing.displayName,
            name: t.t('retention.contactNoClass'),
          })}
          change={{ kind: 'assign', classId: null, target: { contact: removing.username } }}
          confirmLabel={t.t('retention.removeContactClass')}
          onConfirm={() => assignContact(removing.username, null)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
