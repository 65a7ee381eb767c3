import { KIND_NAMES } from '../../common/kind-names';
import { placeholderText } from '../../common/message-kinds';
import type { EvidenceText } from './evidence-text-shape';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

/** A bag's readable files in English: the words Locket's bags have always used. */
export const EVIDENCE_TEXT_EN: EvidenceText = {
  htmlLang: 'en',
  list: (items) => items.join(', '),
  labelled: (label, value) => `${label}: ${value}`,
  messages: (count) => plural(count, 'message', 'messages'),
  conversations: (count) => plural(count, 'conversation', 'conversations'),
  bytes: (count) => `${count} bytes`,
  day: (year, month, day, weekday) => `${WEEKDAYS[weekday]}, ${day} ${MONTHS[month - 1]} ${year}`,
  kinds: KIND_NAMES.en,
  // English bags show placeholders exactly as the vault stores them ("[Voice 3s]").
  placeholder: (line) => placeholderText(line),

  transcript: {
    title: (caseReference) => (caseReference ? `Case ${caseReference}` : 'WeChat transcript'),
    documentTitle: (caseReference) => (caseReference ? `Transcript · Case ${caseReference}` : 'WeChat transcript'),
    subtitle: (part) => `WeChat messages exported from a Locket vault${part === null ? '' : ` · part ${part}`}`,
    caseReference: 'Case reference',
    exportedBy: 'Exported by',
    organization: 'Organization',
    exportedAt: 'Exported at',
    timesShownIn: 'Times shown in',
    bag: 'Bag',
    export: 'Export',
    exportPart: (exportId, part) => `${exportId} (part ${part})`,
    coverNoteHtml:
      "Each message shows WeChat's own message ID (where the source had one) and its Locket number. " +
      "Every file in this bag is listed with its SHA-256 and SHA-512 in the bag's manifests, which are signed with the vault's key: " +
      'open verify.html beside the data folder, or run <span class="mono">locket verify</span>, to check that nothing was changed.',
    groupChat: 'Group chat',
    oneToOneChat: 'One-to-one chat',
    end: (messages, conversations) =>
      `End of transcript: ${plural(messages, 'message', 'messages')} in ${plural(conversations, 'conversation', 'conversations')}.`,
    unknownSender: 'Unknown sender',
    sourceId: 'ID',
    quotedSentAt: (date, time) => `Sent ${date} ${time}`,
  },

  media: {
    roles: {
      image: 'Image',
      voice: 'Voice message',
      video: 'Video',
      file: 'File',
      sticker: 'Sticker',
      thumbnail: 'Thumbnail',
    },
    notIncluded: (what, reason) => `${what} not included: ${reason}.`,
    notInBackup: 'the backup did not contain it',
    outsideBackup: 'the backup pointed outside its own folder, so Locket refused to read it',
    notInVault: 'it is no longer in the vault',
    unknownReason: 'unknown reason',
    imageAlt: 'Image',
    stickerAlt: 'Sticker',
    videoThumbnailAlt: 'Video thumbnail',
    voice: (duration) => `🎤 Voice message${duration ? ` ${duration}` : ''}`,
    video: (duration) => `▶ Video${duration ? ` ${duration}` : ''}`,
    linkKind: 'Link (address shown as text)',
    miniprogramKind: 'Mini program',
    recordKind: 'Chat history',
  },

  describe: {
    file: (name, size) => `File: ${name}${size ? ` (${size})` : ''}`,
    voice: (duration) => `Voice message${duration ? `, ${duration}` : ''}`,
    video: (duration) => `Video${duration ? `, ${duration}` : ''}`,
    location: (parts) => ['Location:', ...parts].join(' '),
    transfer: 'Transfer',
    redPacket: 'Red packet',
    contactCard: (detail) => `Contact card: ${detail}`,
    call: (detail) => `Call: ${detail}`.trim(),
    replyTo: (sender, text) => `Reply to ${sender ?? 'a message'}: ${text}`,
    chatHistory: (title, count) => `Chat history: ${title} (${count} messages)`,
    notInVault: (role, reason) => `${role} not in the vault (${reason})`,
    separator: ' · ',
  },

  scope: {
    conversations: (names) => `Conversations: ${names.join(', ')}`,
    everyChosenConversation: 'Conversations: every conversation with a chosen message',
    everyResultConversation: 'Conversations: every conversation with a search result',
    search: (query) => `Search: ${query}`,
    chosenMessages: (count) => `Messages: ${count} chosen one by one (only these are exported)`,
    fromFirst: 'From: the first message',
    from: (when) => `From: ${when}`,
    untilLast: 'Until: the last message',
    until: (when) => `Until (not including): ${when}`,
    kinds: (kinds) => `Kinds: ${kinds.length ? kinds.join(', ') : 'all'}`,
    senders: (senders) => `Senders: ${senders.length ? senders.join(', ') : 'all'}`,
    names: (mode) =>
      `Names shown by: ${
        {
          group: 'group nickname, else remark, else nickname (as WeChat shows them)',
          remark: 'the remark the owner gave each contact, else their nickname',
          nickname: 'each person’s own nickname',
          wxid: 'WeChat username (wxid)',
        }[mode]
      }`,
    redaction: (summary) => `Redaction: ${summary}`,
  },

  redaction: (pseudonyms, isMasked) => {
    const rules: string[] = [];
    if (pseudonyms.length)
      rules.push(
        `${plural(pseudonyms.length, 'participant', 'participants')} pseudonymized (${pseudonyms.join(', ')})`,
      );
    if (isMasked) rules.push('phone numbers and WeChat IDs masked in text');
    return rules.length ? `${rules.join('; ')}; see data/redaction-log.txt` : 'none';
  },

  redactionLog: {
    heading: 'Locket redaction log',
    appliedTo:
      'These rules were applied to every file in data/ (transcript, messages.jsonl, messages.csv, media file names):',
    pseudonyms: (number, names, replacements) => [
      `${number}. Pseudonymized participants: ${names.length}, shown as ${names.join(', ')}.`,
      '   Each keeps one pseudonym throughout this export (and in every part of it). Their WeChat IDs, aliases,',
      '   nicknames, remarks and group nicknames (two characters or longer) were replaced by the pseudonym wherever',
      `   they appeared in text: ${plural(replacements, 'replacement', 'replacements')} in this bag.`,
    ],
    phones: (number, mask, count) => [
      `${number}. Phone numbers (mainland mobile numbers, landlines with an area code, international numbers starting with +)`,
      `   were replaced by ${mask}: ${count} in this bag.`,
    ],
    wechatIds: (number, mask, count) => [
      `${number}. WeChat IDs of the form wxid_… were replaced by ${mask}: ${count} in this bag.`,
    ],
    notRedacted: [
      'Not redacted: the contents of images, voice messages, videos and files, which are copied as they are in the',
      'vault. Message ids, times and kinds are unchanged. The unredacted messages remain in the exporter’s vault.',
    ],
  },

  page: {
    left: (caseReference) => (caseReference ? `Case ${caseReference}` : 'WeChat transcript'),
    footer: (timeZone, part) =>
      `Locket evidence export · times in ${timeZone}${part === null ? '' : ` · part ${part}`}`,
  },

  bagInfo: {
    description: (messages, conversations) =>
      `WeChat messages exported from a Locket vault: ${messages} messages in ${conversations} conversations.`,
    notGiven: 'Not given',
  },

  verify: {
    title: 'Check this evidence bag',
    leadHtml:
      'This page checks, on this computer, that the files of this bag are exactly the files Locket wrote and signed. It sends nothing anywhere: it has no network access.',
    stepsHtml: [
      'Click <b>Choose the bag folder</b> and pick the folder this page is in: the one that holds <code>bagit.txt</code> and the <code>data</code> folder.',
      'If the browser asks whether to "upload" the files, allow it: the files are only read here, never sent.',
      'Read the answer below. Compare the key fingerprint with the one the vault owner gave you, or paste theirs in the box.',
    ],
    keyWarningHtml:
      '<b>Who signed it?</b> A valid signature only proves that the files are as they were when someone signed them with the key ' +
      'this bag carries. Anyone can change a copy and sign it again with a key of their own. Ask the vault owner for their key’s ' +
      'fingerprint (Locket shows it in Settings, <code>locket info</code> prints it) by another way than this bag: in person, by phone, or ' +
      'published where you know it is theirs. Paste it here and this page compares it with the key that signed the bag.',
    expectedKeyLabel: 'Expected key fingerprint (optional)',
    expectedKeyPlaceholder: 'e.g. 565e c059 8a72 … (64 hex digits; spaces and colons are fine)',
    chooseFolder: 'Choose the bag folder',
    whatIsWrong: 'What is wrong',
    aboutBag: 'About this bag',
    footHtml:
      'Other ways to check the same bag: <code>locket verify BAG</code>, which also reads a .zip; ' +
      '<code>sha256sum -c manifest-sha256.txt</code> run in the bag folder (it checks the files, not the signature); ' +
      'or any BagIt validator. Every file that is not part of the bag is reported, also those a computer adds to folders by itself ' +
      '(<code>.DS_Store</code>, <code>Thumbs.db</code>, <code>__MACOSX</code>): a file hidden among them could carry anything.',
    script: {
      noFolder: 'No folder chosen yet.',
      checking: 'Checking…',
      checkFailed: 'The check could not finish.',
      notAFingerprint: 'This is not a key fingerprint: it has 64 hex digits (0-9, a-f).',
      notBagFolder: 'This is not the bag folder.',
      notBagFolderWhy:
        'It has no bagit.txt. Choose the folder that holds bagit.txt, bag-info.txt and the data folder (the folder this page is in).',
      noBagitVersion: 'it does not declare a BagIt version',
      notDigestLine: 'a line is not "digest path"',
      tagManifestMissing: 'the tag manifest, which a signature covers, is not there',
      noPayloadManifest: 'the bag has no payload manifest',
      checkingFile: 'Checking {n} of {total}: {path}',
      listedNotInFolder: 'listed in the manifest but not in the folder',
      digestMismatch: 'its {alg} does not match the manifest',
      clutterHint: ' (a file the computer adds to folders by itself; remove it and check again)',
      unexpectedInData: 'in the data folder but not in the manifest (added after the bag was made){hint}',
      unexpectedTagFile: 'not part of the bag as it was made{hint}',
      oxumMismatch:
        'it records {bytes} bytes in {files} files; the data folder now holds {total} bytes in {count} files',
      keyMissing: 'The signing key (signature/signing-key.txt) is missing.',
      keyNotEd25519: 'signature/signing-key.txt does not hold an Ed25519 public key.',
      keyNotNamedProblem: 'this is not the key bag-info.txt names',
      keyNotNamed: 'The key in signature/signing-key.txt is not the one bag-info.txt names.',
      unsupported:
        'This browser cannot check Ed25519 signatures. The files were still checked; check the signature with "locket verify" or a current Chrome, Edge, Firefox or Safari.',
      signatureMissingProblem: 'the signature over {manifest}',
      signatureMissing: '{file} is missing.',
      signatureMalformedProblem: 'a signature file holds one line of base64 and nothing else',
      signatureDamaged: '{file} is damaged.',
      signatureInvalidProblem:
        'it does not match its signature in {file}: one of the two was changed, or they were signed by another key',
      signatureInvalid:
        'The signature does not match {manifest}: the bag was changed after it was signed, or signed by another key.',
      words: {
        changed: 'Changed',
        missing: 'Removed',
        unexpected: 'Added',
        malformed: 'Damaged',
        'oxum-mismatch': 'Size differs',
        'signature-invalid': 'Not as signed',
      },
      listSeparator: '; ',
      tagSeparator: ': ',
      detailSeparator: ' — ',
      notIntact: 'This bag is NOT intact.',
      problemsOne: '{count} problem found ({names}). Do not rely on it as it is.',
      problemsOther: '{count} problems found ({names}). Do not rely on it as it is.',
      otherKey: 'This bag was signed by a different key.',
      otherKeySub:
        'The files match the signatures, but the key that signed them is not the one you expected: anyone can sign an altered copy with their own key. Do not rely on this bag. Signed by {actual}; expected {expected}.',
      intactExpected: 'This bag is intact, and signed by the key you expected.',
      intactExpectedSub: 'All {count} files match their manifests, and the signatures by that key are valid.',
      intact: 'This bag is intact.',
      intactSub:
        'All {count} files match their manifests, and the signatures are valid. That only proves the files are as signed by the key shown below: compare its fingerprint with the one the vault owner gave you, or paste theirs above.',
      unchecked: 'The files are intact, but the signature could not be checked here.',
      brokenSignature: 'This bag is NOT intact: its signature is not valid.',
      signature: 'Signature',
      signatureValidButChanged:
        'Valid (Ed25519): the manifests are as the sender signed them; the files named above no longer match them.',
      signatureValid: 'Valid (Ed25519)',
      signatureNotChecked: 'Not checked: {why}',
      signatureNotValid: 'NOT valid: {why}',
      keyFingerprint: 'Key fingerprint',
      signer: 'Signer',
      signerNotConfirmed: 'Not confirmed: no expected fingerprint was pasted above.',
      signerOther: 'NOT the key you expected ({expected}).',
      signerExpected: 'The key you expected.',
      filesChecked: 'Files checked',
      caseReference: 'Case reference',
      exportedBy: 'Exported by',
      organization: 'Organization',
      baggedOn: 'Bagged on',
      bag: 'Bag',
      part: 'Part',
      partOf: '{n} of {total}',
      messages: 'Messages',
      timeZone: 'Time zone',
    },
  },
};
