import type { ExportLanguage } from '../../ipc/contract';
import { evidenceText, type VerifyScriptText } from './evidence-text';
import { escapeHtml } from './html-escape';

/** The script's texts as a JavaScript literal: JSON, with `<` escaped so no text can close the script element. */
function scriptJson(texts: VerifyScriptText): string {
  return JSON.stringify(texts)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * `verify.html`, placed in every bag: a recipient opens it from disk, picks the bag folder, and the page
 * recomputes every file's SHA-256 and SHA-512 with WebCrypto, compares them with the manifests, checks the
 * Ed25519 signature over tagmanifest-sha256.txt, and says plainly whether the bag is intact.
 *
 * This is the only page Locket writes that runs a script, and it runs only its own inline script: its
 * Content-Security-Policy allows nothing else and no network at all. It shows names from the bag with
 * textContent only, never as HTML. It is the same file in every bag of one language, listed in the tag manifest, so
 * `locket verify` notices if it was altered. Its words come from the bag's language (evidence-text-*.ts): the
 * page's own markup takes the `…Html` texts, the script reads the rest as JSON. Written as String.raw so the script's
 * backslashes stay as they are.
 */
export function verifyPageHtml(lang: ExportLanguage): string {
  const text = evidenceText(lang);
  const v = text.verify;
  return String.raw`<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(v.title)}</title>
<style>
  :root { color-scheme: light; }
  body { margin: 0; background: #f3f4f6; color: #111827; font: 16px/1.55 -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
  html:lang(zh-CN) body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; }
  main { max-width: 780px; margin: 0 auto; padding: 32px 20px 48px; }
  h1 { font-size: 26px; margin: 0 0 8px; }
  h2 { font-size: 17px; margin: 24px 0 8px; }
  p.lead { margin: 0 0 16px; color: #374151; }
  ol.steps { margin: 0 0 20px; padding-left: 22px; color: #374151; }
  .pick { display: inline-block; background: #2563eb; color: #fff; font-weight: 600; padding: 10px 18px; border-radius: 8px; cursor: pointer; }
  .pick input { position: absolute; width: 1px; height: 1px; opacity: 0; }
  .pick:focus-within { outline: 3px solid #93c5fd; }
  #verdict { margin: 22px 0 8px; padding: 18px 20px; border-radius: 10px; font-size: 20px; font-weight: 600; border: 2px solid #d1d5db; background: #fff; }
  #verdict[data-state="intact"] { background: #ecfdf5; border-color: #10b981; color: #065f46; }
  #verdict[data-state="broken"], #verdict[data-state="error"], #verdict[data-state="other-key"] { background: #fef2f2; border-color: #ef4444; color: #991b1b; }
  #verdict[data-state="unsigned"] { background: #fffbeb; border-color: #f59e0b; color: #92400e; }
  #verdict[data-state="checking"] { color: #1f2937; }
  #verdict .sub { display: block; font-size: 15px; font-weight: normal; margin-top: 6px; }
  #progress { color: #6b7280; font-size: 14px; min-height: 1.5em; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: #fff; padding: 14px 18px; border-radius: 8px; border: 1px solid #e5e7eb; font-size: 14px; }
  dt { color: #6b7280; }
  dd { margin: 0; overflow-wrap: anywhere; }
  ul.problems { background: #fff; border: 1px solid #fecaca; border-radius: 8px; padding: 10px 18px 10px 36px; }
  ul.problems li { margin: 4px 0; overflow-wrap: anywhere; }
  .tag { display: inline-block; min-width: 92px; font-weight: 600; }
  code, .mono { font-family: ui-monospace, Menlo, Consolas, "Noto Sans Mono", monospace; font-size: 0.92em; }
  .key { margin: 0 0 20px; padding: 12px 16px; background: #fffbeb; border: 1px solid #f59e0b; border-radius: 8px; font-size: 14px; color: #78350f; }
  .key p { margin: 0 0 8px; }
  .key label { display: block; font-weight: 600; margin-bottom: 4px; }
  .key input { box-sizing: border-box; width: 100%; padding: 8px 10px; border: 1px solid #d1d5db; border-radius: 6px; font: 14px ui-monospace, Menlo, Consolas, "Noto Sans Mono", monospace; }
  .key input[aria-invalid="true"] { border-color: #ef4444; }
  #expected-key-note { min-height: 1.4em; margin: 4px 0 0; }
  .foot { margin-top: 28px; font-size: 14px; color: #4b5563; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(v.title)}</h1>
  <p class="lead">${v.leadHtml}</p>
  <ol class="steps">
${v.stepsHtml.map((step) => `    <li>${step}</li>`).join('\n')}
  </ol>
  <div class="key" id="key-warning">
    <p>${v.keyWarningHtml}</p>
    <label for="expected-key">${escapeHtml(v.expectedKeyLabel)}</label>
    <input id="expected-key" type="text" spellcheck="false" autocomplete="off" placeholder="${escapeHtml(v.expectedKeyPlaceholder)}">
    <p id="expected-key-note" aria-live="polite"></p>
  </div>
  <label class="pick"><input type="file" id="bag-folder" webkitdirectory directory multiple>${escapeHtml(v.chooseFolder)}</label>
  <div id="verdict" data-state="idle" role="status" aria-live="polite">${escapeHtml(v.script.noFolder)}</div>
  <div id="progress"></div>
  <section id="details" hidden>
    <h2 id="problems-title" hidden>${escapeHtml(v.whatIsWrong)}</h2>
    <ul id="problems" class="problems" hidden></ul>
    <h2>${escapeHtml(v.aboutBag)}</h2>
    <dl id="info"></dl>
  </section>
  <p class="foot">${v.footHtml}</p>
</main>
<script>
(function () {
  'use strict';
  var input = document.getElementById('bag-folder');
  var verdict = document.getElementById('verdict');
  var progress = document.getElementById('progress');
  var details = document.getElementById('details');
  var problemsTitle = document.getElementById('problems-title');
  var problemList = document.getElementById('problems');
  var info = document.getElementById('info');
  var expectedInput = document.getElementById('expected-key');
  var expectedNote = document.getElementById('expected-key-note');
  var last = null;
  var T = ${scriptJson(v.script)};
  // Fills {name} in one of T's texts.
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; }); }
  var ALGS = [['sha256', 'SHA-256'], ['sha512', 'SHA-512']];
  var UNLISTED = ['tagmanifest-sha256.txt', 'tagmanifest-sha512.txt', 'signature/tagmanifest-sha256.txt.sig', 'signature/tagmanifest-sha512.txt.sig'];

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function say(state, headline, sub) {
    verdict.setAttribute('data-state', state);
    clear(verdict);
    verdict.appendChild(document.createTextNode(headline));
    if (sub) { var s = document.createElement('span'); s.className = 'sub'; s.textContent = sub; verdict.appendChild(s); }
  }
  function row(label, value, mono) {
    var dt = document.createElement('dt'); dt.textContent = label;
    var dd = document.createElement('dd'); dd.textContent = value; if (mono) dd.className = 'mono';
    info.appendChild(dt); info.appendChild(dd);
  }
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  function isClutter(path) {
    var parts = path.split('/'), name = parts[parts.length - 1];
    return parts[0] === '__MACOSX' || name === '.DS_Store' || name === 'Thumbs.db' || name === 'desktop.ini' || name.indexOf('._') === 0;
  }
  function decodePath(p) { return p.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%'); }
  function parseManifest(text, name, problems) {
    var entries = new Map();
    text.split(/\r?\n/).forEach(function (line) {
      if (!line.trim()) return;
      var m = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
      if (!m) { problems.push(['malformed', name, T.notDigestLine]); return; }
      entries.set(decodePath(m[2]), m[1].toLowerCase());
    });
    return entries;
  }
  function parseInfo(text) {
    var labels = {}, last = null;
    text.split(/\r?\n/).forEach(function (line) {
      if (/^[ \t]/.test(line) && last) { labels[last] += ' ' + line.trim(); return; }
      var i = line.indexOf(':');
      if (i > 0) { last = line.slice(0, i).trim(); var v = line.slice(i + 1).trim(); labels[last] = labels[last] === undefined ? v : labels[last] + '; ' + v; }
    });
    return labels;
  }
  function base64Bytes(text) {
    var s = atob(text), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  // The fingerprint a person pasted, as the bag writes one (groups of four, lower case); '' when none; null when it is not one.
  function expectedKey() {
    var digits = expectedInput.value.replace(/[\s:]/g, '').toLowerCase();
    if (!digits) return '';
    return /^[0-9a-f]{64}$/.test(digits) ? digits.match(/.{4}/g).join(' ') : null;
  }
  expectedInput.addEventListener('input', function () {
    var expected = expectedKey();
    expectedInput.setAttribute('aria-invalid', expected === null ? 'true' : 'false');
    expectedNote.textContent = expected === null ? T.notAFingerprint : '';
    if (last) show(last.problems, last.signature, last.labels, last.checked);
  });

  input.addEventListener('change', function () {
    var list = Array.prototype.slice.call(input.files || []);
    check(list).catch(function (e) { say('error', T.checkFailed, String(e && e.message || e)); });
  });

  async function check(list) {
    last = null;
    clear(info); clear(problemList); details.hidden = true; problemsTitle.hidden = true; problemList.hidden = true;
    if (!list.length) { say('idle', T.noFolder); return; }
    say('checking', T.checking);
    var files = new Map();
    list.forEach(function (f) {
      var rel = f.webkitRelativePath || f.name;
      var cut = rel.indexOf('/');
      rel = cut >= 0 ? rel.slice(cut + 1) : rel;
      files.set(rel, f);
    });
    if (!files.has('bagit.txt')) {
      say('error', T.notBagFolder, T.notBagFolderWhy);
      return;
    }
    var problems = [];
    var bagit = await files.get('bagit.txt').text();
    if (!/^BagIt-Version: *1\.\d+\s*$/m.test(bagit)) problems.push(['malformed', 'bagit.txt', T.noBagitVersion]);
    var labels = files.has('bag-info.txt') ? parseInfo(await files.get('bag-info.txt').text()) : {};

    var payload = new Map(), tags = new Map(), manifests = 0;
    for (var a = 0; a < ALGS.length; a++) {
      var alg = ALGS[a][0];
      var pm = 'manifest-' + alg + '.txt', tm = 'tagmanifest-' + alg + '.txt';
      if (files.has(pm)) {
        manifests++;
        parseManifest(await files.get(pm).text(), pm, problems).forEach(function (digest, path) {
          if (!payload.has(path)) payload.set(path, {});
          payload.get(path)[alg] = digest;
        });
      }
      if (files.has(tm)) {
        parseManifest(await files.get(tm).text(), tm, problems).forEach(function (digest, path) {
          if (!tags.has(path)) tags.set(path, {});
          tags.get(path)[alg] = digest;
        });
      } else problems.push(['missing', tm, T.tagManifestMissing]);
    }
    if (!manifests) problems.push(['missing', 'manifest-sha256.txt', T.noPayloadManifest]);

    var expected = [];
    payload.forEach(function (d, p) { expected.push([p, d]); });
    tags.forEach(function (d, p) { expected.push([p, d]); });
    var checked = 0;
    for (var e = 0; e < expected.length; e++) {
      var path = expected[e][0], digests = expected[e][1];
      var file = files.get(path);
      progress.textContent = fill(T.checkingFile, { n: e + 1, total: expected.length, path: path });
      if (!file) { problems.push(['missing', path, T.listedNotInFolder]); continue; }
      var bytes = await file.arrayBuffer();
      for (var k = 0; k < ALGS.length; k++) {
        var want = digests[ALGS[k][0]];
        if (want === undefined) continue;
        var got = hex(await crypto.subtle.digest(ALGS[k][1], bytes));
        if (got !== want) { problems.push(['changed', path, fill(T.digestMismatch, { alg: ALGS[k][1] })]); break; }
      }
      checked++;
    }
    progress.textContent = '';
    files.forEach(function (f, path) {
      if (payload.has(path) || tags.has(path)) return;
      var hint = isClutter(path) ? T.clutterHint : '';
      if (path.indexOf('data/') === 0) { problems.push(['unexpected', path, fill(T.unexpectedInData, { hint: hint })]); return; }
      if (UNLISTED.indexOf(path) >= 0) return;
      problems.push(['unexpected', path, fill(T.unexpectedTagFile, { hint: hint })]);
    });

    var oxum = labels['Payload-Oxum'];
    if (oxum) {
      var total = 0, count = 0;
      files.forEach(function (f, path) { if (path.indexOf('data/') === 0) { total += f.size; count++; } });
      var recorded = oxum.split('.');
      if (oxum !== total + '.' + count) problems.push(['oxum-mismatch', 'bag-info.txt', fill(T.oxumMismatch, { bytes: recorded[0], files: recorded.slice(1).join('.'), total: total, count: count })]);
    }

    var signature = await checkSignature(files, labels, problems);
    last = { problems: problems, signature: signature, labels: labels, checked: checked };
    show(problems, signature, labels, checked);
  }

  // Every tag manifest carries an Ed25519 signature by the key bag-info.txt names; the key file itself is in the
  // tag manifests. A signature file holds one line of canonical base64, so no byte of it can change unnoticed.
  async function checkSignature(files, labels, problems) {
    var keyFile = files.get('signature/signing-key.txt');
    if (!keyFile) return { state: 'invalid', fingerprint: null, why: T.keyMissing };
    var m = /^Public-Key:[ \t]*([A-Za-z0-9+\/]{43}=)[ \t]*$/m.exec(await keyFile.text());
    if (!m) return { state: 'invalid', fingerprint: null, why: T.keyNotEd25519 };
    var raw = base64Bytes(m[1]);
    var fingerprint = hex(await crypto.subtle.digest('SHA-256', raw)).match(/.{4}/g).join(' ');
    if (labels['Locket-Signing-Key-Fingerprint'] !== fingerprint) {
      problems.push(['signature-invalid', 'signature/signing-key.txt', T.keyNotNamedProblem]);
      return { state: 'invalid', fingerprint: fingerprint, why: T.keyNotNamed };
    }
    var key;
    try {
      key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    } catch (err) {
      return { state: 'unsupported', fingerprint: fingerprint, why: T.unsupported };
    }
    var failed = null;
    for (var a = 0; a < ALGS.length; a++) {
      var manifestName = 'tagmanifest-' + ALGS[a][0] + '.txt', sigName = 'signature/' + manifestName + '.sig';
      var manifest = files.get(manifestName), sigFile = files.get(sigName);
      if (!sigFile) { problems.push(['missing', sigName, fill(T.signatureMissingProblem, { manifest: manifestName })]); failed = failed || fill(T.signatureMissing, { file: sigName }); continue; }
      var sigText = await sigFile.text(), signature = null;
      if (/^[A-Za-z0-9+\/]{86}==\n$/.test(sigText)) {
        signature = base64Bytes(sigText.trim());
        if (btoa(String.fromCharCode.apply(null, Array.prototype.slice.call(signature))) + '\n' !== sigText) signature = null;
      }
      if (!signature) { problems.push(['malformed', sigName, T.signatureMalformedProblem]); failed = failed || fill(T.signatureDamaged, { file: sigName }); continue; }
      if (!manifest) continue;
      if (!(await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, await manifest.arrayBuffer()))) {
        problems.push(['signature-invalid', manifestName, fill(T.signatureInvalidProblem, { file: sigName })]);
        failed = failed || fill(T.signatureInvalid, { manifest: manifestName });
      }
    }
    return failed ? { state: 'invalid', fingerprint: fingerprint, why: failed } : { state: 'valid', fingerprint: fingerprint, why: null };
  }

  var WORDS = T.words;

  function show(problems, signature, labels, checked) {
    clear(info); clear(problemList);
    details.hidden = false;
    var expected = expectedKey();
    var otherKey = !!expected && !!signature.fingerprint && signature.fingerprint !== expected;
    var ORDER = ['changed', 'missing', 'unexpected', 'signature-invalid', 'malformed', 'oxum-mismatch'];
    problems.sort(function (x, y) { return ORDER.indexOf(x[0]) - ORDER.indexOf(y[0]) || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0); });
    if (problems.length) {
      problemsTitle.hidden = false; problemList.hidden = false;
      problems.forEach(function (p) {
        var li = document.createElement('li');
        li.setAttribute('data-problem', p[0]);
        var tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = WORDS[p[0]] || p[0];
        var name = document.createElement('span'); name.className = 'mono file'; name.textContent = p[1];
        li.appendChild(tag); li.appendChild(name); li.appendChild(document.createTextNode(T.detailSeparator + p[2]));
        problemList.appendChild(li);
      });
    }
    if (problems.length) {
      var named = problems.filter(function (p) { return p[0] !== 'oxum-mismatch'; });
      var names = (named.length ? named : problems).slice(0, 3).map(function (p) { return (WORDS[p[0]] || p[0]).toLowerCase() + T.tagSeparator + p[1]; }).join(T.listSeparator);
      if ((named.length || problems.length) > 3) names += T.listSeparator + '…';
      say('broken', T.notIntact, fill(problems.length === 1 ? T.problemsOne : T.problemsOther, { count: problems.length, names: names }));
    } else if (signature.state === 'valid' && otherKey) {
      say('other-key', T.otherKey, fill(T.otherKeySub, { actual: signature.fingerprint, expected: expected }));
    } else if (signature.state === 'valid' && expected) {
      say('intact', T.intactExpected, fill(T.intactExpectedSub, { count: checked }));
    } else if (signature.state === 'valid') {
      say('intact', T.intact, fill(T.intactSub, { count: checked }));
    } else if (signature.state === 'unsupported') {
      say('unsigned', T.unchecked, signature.why);
    } else {
      say('broken', T.brokenSignature, signature.why);
    }
    row(T.signature, signature.state === 'valid' ? (problems.length ? T.signatureValidButChanged : T.signatureValid) : fill(signature.state === 'unsupported' ? T.signatureNotChecked : T.signatureNotValid, { why: signature.why }));
    if (signature.fingerprint) row(T.keyFingerprint, signature.fingerprint, true);
    if (signature.fingerprint) row(T.signer, !expected ? T.signerNotConfirmed : otherKey ? fill(T.signerOther, { expected: expected }) : T.signerExpected);
    row(T.filesChecked, String(checked));
    [['External-Identifier', T.caseReference], ['Contact-Name', T.exportedBy], ['Source-Organization', T.organization], ['Bagging-Date', T.baggedOn],
     ['Locket-Bag-Id', T.bag], ['Bag-Count', T.part], ['Locket-Messages', T.messages], ['Locket-Time-Zone', T.timeZone]].forEach(function (l) {
      var value = labels[l[0]];
      if (!value) return;
      // Bag-Count is written as RFC 8493 says ("2 of 3"): shown in the page's language.
      var count = l[0] === 'Bag-Count' ? /^(\d+) of (\d+|\?)$/.exec(value) : null;
      row(l[1], count ? fill(T.partOf, { n: count[1], total: count[2] }) : value, l[0] === 'Locket-Bag-Id');
    });
  }
})();
</script>
</body>
</html>
`;
}
