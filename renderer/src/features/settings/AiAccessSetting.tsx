import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AiScope, MessageKind } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/useI18n';
import { copyText } from '../../services/clipboard';
import { useAppStore } from '../../store/useAppStore';
import { selectVaultStatus } from '../vault/vault-slice';
import { mcpClientConfig, mcpCommandLine } from './ai-access-command';
import { selectTimeZone } from './settings-slice';

/** The kinds offered as a scope's filter: those whose words an assistant can read, and the common media. */
const KINDS: readonly MessageKind[] = [
  'text',
  'quote',
  'link',
  'file',
  'transfer',
  'location',
  'image',
  'voice',
  'video',
  'system',
];

/**
 * Settings → AI access: scopes saved in the vault (chats, dates, kinds, pseudonyms) that `locket mcp --scope NAME`
 * serves to an assistant, each with the command line and the client configuration to paste.
 */
export function AiAccessSetting() {
  const t = useI18n();
  const scopes = useAppStore((s) => s.settings.aiScopes);
  const error = useAppStore((s) => s.settings.aiScopesError);
  const conversations = useAppStore((s) => s.archive.conversations);
  const status = useAppStore(selectVaultStatus);
  const timeZone = useAppStore(selectTimeZone);
  const { loadAiScopes, saveAiScope, deleteAiScope } = useAppStore((s) => s.settings);
  const loadConversations = useAppStore((s) => s.archive.loadConversations);

  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [after, setAfter] = useState('');
  const [before, setBefore] = useState('');
  const [kinds, setKinds] = useState<ReadonlySet<MessageKind>>(new Set());
  const [pseudonymize, setPseudonymize] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void loadAiScopes();
    if (!conversations) void loadConversations();
    // Once when the panel opens; the conversation list is kept by the archive once loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (conversations ?? []).filter((c) => !needle || c.displayName.toLowerCase().includes(needle));
  }, [conversations, filter]);
  const nameOf = (id: number) => conversations?.find((c) => c.id === id)?.displayName ?? `#${id}`;
  const toggle = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem(t.t('settings.aiScopeNeedsName'));
    if (chosen.size === 0) return setProblem(t.t('settings.aiScopeNeedsChat'));
    setProblem(null);
    const scope: AiScope = {
      name: name.trim(),
      conversationIds: [...chosen],
      after: after || null,
      before: before || null,
      kinds: kinds.size ? [...kinds] : null,
      timeZone,
      pseudonymize,
    };
    if (await saveAiScope(scope)) {
      setName('');
      setChosen(new Set());
      setAfter('');
      setBefore('');
      setKinds(new Set());
      setPseudonymize(false);
    }
  };

  return (
    <section className="panel settings-group ai-access" aria-labelledby="settings-ai-access">
      <h2 id="settings-ai-access">{t.t('settings.aiAccess')}</h2>
      <p className="field-help">{t.t('settings.aiAccessHint')}</p>

      <h3>{t.t('settings.aiScopeSaved')}</h3>
      {scopes?.length === 0 && <p className="field-help">{t.t('settings.aiScopeNone')}</p>}
      <ul className="ai-scope-list">
        {scopes?.map((scope) => (
          <li key={scope.name} className="ai-scope" data-testid="ai-scope">
            <div className="ai-scope-head">
              <strong>{scope.name}</strong>
              <button type="button" className="button is-quiet" onClick={() => void deleteAiScope(scope.name)}>
                {t.t('settings.aiScopeDelete')}
              </button>
            </div>
            <p className="ai-scope-summary">
              {[
                scope.conversationIds.map(nameOf).join(t.t('settings.aiScopeChatSeparator')),
                scope.after ? t.t('settings.aiScopeFrom', { date: scope.after }) : null,
                scope.before ? t.t('settings.aiScopeUntil', { date: scope.before }) : null,
                scope.kinds ? scope.kinds.map((k) => t.t(`kind.${k}`)).join(', ') : t.t('settings.aiScopeAllKinds'),
                scope.pseudonymize ? t.t('settings.aiScopePseudonymized') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {status?.path && (
              <>
                <CopyableText label={t.t('settings.aiScopeCommand')} text={mcpCommandLine(status.path, scope.name)} />
                <CopyableText
                  label={t.t('settings.aiScopeClientConfig')}
                  text={mcpClientConfig(status.path, scope.name)}
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {scopes && scopes.length > 0 && <p className="field-help">{t.t('settings.aiScopeConfigHint')}</p>}

      <form className="ai-scope-form" onSubmit={(event) => void submit(event)}>
        <h3>{t.t('settings.aiScopeNew')}</h3>
        <div className="setting">
          <label htmlFor="ai-scope-name">{t.t('settings.aiScopeName')}</label>
          <input
            id="ai-scope-name"
            className="input"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <fieldset className="ai-scope-chats">
          <legend>{t.plural('settings.aiScopeChats', chosen.size)}</legend>
          <input
            className="input"
            type="search"
            aria-label={t.t('settings.aiScopeFilter')}
            placeholder={t.t('settings.aiScopeFilter')}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <div className="ai-scope-chat-list">
            {shown.map((c) => (
              <label key={c.id} className="ai-scope-check">
                <input
                  type="checkbox"
                  checked={chosen.has(c.id)}
                  onChange={() => {
                    setProblem(null);
                    setChosen((set) => toggle(set, c.id));
                  }}
                />
                <span>{c.displayName}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="ai-scope-dates">
          <label>
            <span>{t.t('settings.aiScopeAfter')}</span>
            <input className="input" type="date" value={after} onChange={(event) => setAfter(event.target.value)} />
          </label>
          <label>
            <span>{t.t('settings.aiScopeBefore')}</span>
            <input className="input" type="date" value={before} onChange={(event) => setBefore(event.target.value)} />
          </label>
        </div>
        <fieldset className="ai-scope-kinds">
          <legend>{t.t('settings.aiScopeKinds')}</legend>
          {KINDS.map((kind) => (
            <label key={kind} className="ai-scope-check">
              <input type="checkbox" checked={kinds.has(kind)} onChange={() => setKinds((set) => toggle(set, kind))} />
              <span>{t.t(`kind.${kind}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="ai-scope-check">
          <input type="checkbox" checked={pseudonymize} onChange={(event) => setPseudonymize(event.target.checked)} />
          <span>{t.t('settings.aiScopePseudonymize')}</span>
        </label>
        {problem && (
          <p className="ai-scope-problem" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        <div>
          <button type="submit" className="button is-primary">
            {t.t('settings.aiScopeSave')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A block of text to paste elsewhere, with a button that copies it. */
function CopyableText({ label, text }: { label: string; text: string }) {
  const t = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="ai-scope-copyable">
      <div className="ai-scope-head">
        <span>{label}</span>
        <button type="button" className="button is-quiet" onClick={async () => setCopied(await copyText(text))}>
          {copied === true ? t.t('settings.aiScopeCopied') : t.t('settings.aiScopeCopy')}
        </button>
      </div>
      <pre>
        <code>{text}</code>
      </pre>
      {copied === false && <p className="field-help">{t.t('recovery.copyFailed')}</p>}
    </div>
  );
}
