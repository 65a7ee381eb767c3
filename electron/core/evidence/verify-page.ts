/**
 * `verify.html`, placed in every bag: a recipient opens it from disk, picks the bag folder, and the page
 * recomputes every file's SHA-256 and SHA-512 with WebCrypto, compares them with the manifests, checks the
 * Ed25519 signature over tagmanifest-sha256.txt, and says plainly whether the bag is intact.
 *
 * This is the only page Locket writes that runs a script, and it runs only its own inline script: its
 * Content-Security-Policy allows nothing else and no network at all. It shows names from the bag with
 * textContent only, never as HTML. It is the same file in every bag, listed in the tag manifest, so
 * `locket verify` notices if it was altered. Written as String.raw so the script's backslashes stay as they are.
 */
export const VERIFY_PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check this evidence bag</title>
<style>
  :root { color-scheme: light; }
  body { margin: 0; background: #f3f4f6; color: #111827; font: 16px/1.55 -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
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
  <h1>Check this evidence bag</h1>
  <p class="lead">This page checks, on this computer, that the files of this bag are exactly the files Locket wrote and signed. It sends nothing anywhere: it has no network access.</p>
  <ol class="steps">
    <li>Click <b>Choose the bag folder</b> and pick the folder this page is in: the one that holds <code>bagit.txt</code> and the <code>data</code> folder.</li>
    <li>If the browser asks whether to "upload" the files, allow it: the files are only read here, never sent.</li>
    <li>Read the answer below. Compare the key fingerprint with the one the vault owner gave you, or paste theirs in the box.</li>
  </ol>
  <div class="key" id="key-warning">
    <p><b>Who signed it?</b> A valid signature only proves that the files are as they were when someone signed them with the key
    this bag carries. Anyone can change a copy and sign it again with a key of their own. Ask the vault owner for their key's
    fingerprint (Locket shows it in Settings, <code>locket info</code> prints it) by another way than this bag: in person, by phone, or
    published where you know it is theirs. Paste it here and this page compares it with the key that signed the bag.</p>
    <label for="expected-key">Expected key fingerprint (optional)</label>
    <input id="expected-key" type="text" spellcheck="false" autocomplete="off" placeholder="e.g. 565e c059 8a72 … (64 hex digits; spaces and colons are fine)">
    <p id="expected-key-note" aria-live="polite"></p>
  </div>
  <label class="pick"><input type="file" id="bag-folder" webkitdirectory directory multiple>Choose the bag folder</label>
  <div id="verdict" data-state="idle" role="status" aria-live="polite">No folder chosen yet.</div>
  <div id="progress"></div>
  <section id="details" hidden>
    <h2 id="problems-title" hidden>What is wrong</h2>
    <ul id="problems" class="problems" hidden></ul>
    <h2>About this bag</h2>
    <dl id="info"></dl>
  </section>
  <p class="foot">Other ways to check the same bag: <code>locket verify BAG</code>, which also reads a .zip;
  <code>sha256sum -c manifest-sha256.txt</code> run in the bag folder (it checks the files, not the signature);
  or any BagIt validator. Every file that is not part of the bag is reported, also those a computer adds to folders by itself
  (<code>.DS_Store</code>, <code>Thumbs.db</code>, <code>__MACOSX</code>): a file hidden among them could carry anything.</p>
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
      if (!m) { problems.push(['malformed', name, 'a line is not "digest path"']); return; }
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
    expectedNote.textContent = expected === null ? 'This is not a key fingerprint: it has 64 hex digits (0-9, a-f).' : '';
    if (last) show(last.problems, last.signature, last.labels, last.checked);
  });

  input.addEventListener('change', function () {
    var list = Array.prototype.slice.call(input.files || []);
    check(list).catch(function (e) { say('error', 'The check could not finish.', String(e && e.message || e)); });
  });

  async function check(list) {
    last = null;
    clear(info); clear(problemList); details.hidden = true; problemsTitle.hidden = true; problemList.hidden = true;
    if (!list.length) { say('idle', 'No folder chosen yet.'); return; }
    say('checking', 'Checking…');
    var files = new Map();
    list.forEach(function (f) {
      var rel = f.webkitRelativePath || f.name;
      var cut = rel.indexOf('/');
      rel = cut >= 0 ? rel.slice(cut + 1) : rel;
      files.set(rel, f);
    });
    if (!files.has('bagit.txt')) {
      say('error', 'This is not the bag folder.', 'It has no bagit.txt. Choose the folder that holds bagit.txt, bag-info.txt and the data folder (the folder this page is in).');
      return;
    }
    var problems = [];
    var bagit = await files.get('bagit.txt').text();
    if (!/^BagIt-Version: *1\.\d+\s*$/m.test(bagit)) problems.push(['malformed', 'bagit.txt', 'it does not declare a BagIt version']);
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
      } else problems.push(['missing', tm, 'the tag manifest, which a signature covers, is not there']);
    }
    if (!manifests) problems.push(['missing', 'manifest-sha256.txt', 'the bag has no payload manifest']);

    var expected = [];
    payload.forEach(function (d, p) { expected.push([p, d]); });
    tags.forEach(function (d, p) { expected.push([p, d]); });
    var checked = 0;
    for (var e = 0; e < expected.length; e++) {
      var path = expected[e][0], digests = expected[e][1];
      var file = files.get(path);
      progress.textContent = 'Checking ' + (e + 1) + ' of ' + expected.length + ': ' + path;
      if (!file) { problems.push(['missing', path, 'listed in the manifest but not in the folder']); continue; }
      var bytes = await file.arrayBuffer();
      for (var k = 0; k < ALGS.length; k++) {
        var want = digests[ALGS[k][0]];
        if (want === undefined) continue;
        var got = hex(await crypto.subtle.digest(ALGS[k][1], bytes));
        if (got !== want) { problems.push(['changed', path, 'its ' + ALGS[k][1] + ' does not match the manifest']); break; }
      }
      checked++;
    }
    progress.textContent = '';
    files.forEach(function (f, path) {
      if (payload.has(path) || tags.has(path)) return;
      var hint = isClutter(path) ? ' (a file the computer adds to folders by itself; remove it and check again)' : '';
      if (path.indexOf('data/') === 0) { problems.push(['unexpected', path, 'in the data folder but not in the manifest (added after the bag was made)' + hint]); return; }
      if (UNLISTED.indexOf(path) >= 0) return;
      problems.push(['unexpected', path, 'not part of the bag as it was made' + hint]);
    });

    var oxum = labels['Payload-Oxum'];
    if (oxum) {
      var total = 0, count = 0;
      files.forEach(function (f, path) { if (path.indexOf('data/') === 0) { total += f.size; count++; } });
      if (oxum !== total + '.' + count) problems.push(['oxum-mismatch', 'bag-info.txt', 'it records ' + oxum.replace('.', ' bytes in ') + ' files; the data folder now holds ' + total + ' bytes in ' + count + ' files']);
    }

    var signature = await checkSignature(files, labels, problems);
    last = { problems: problems, signature: signature, labels: labels, checked: checked };
    show(problems, signature, labels, checked);
  }

  // Every tag manifest carries an Ed25519 signature by the key bag-info.txt names; the key file itself is in the
  // tag manifests. A signature file holds one line of canonical base64, so no byte of it can change unnoticed.
  async function checkSignature(files, labels, problems) {
    var keyFile = files.get('signature/signing-key.txt');
    if (!keyFile) return { state: 'invalid', fingerprint: null, why: 'The signing key (signature/signing-key.txt) is missing.' };
    var m = /^Public-Key:[ \t]*([A-Za-z0-9+\/]{43}=)[ \t]*$/m.exec(await keyFile.text());
    if (!m) return { state: 'invalid', fingerprint: null, why: 'signature/signing-key.txt does not hold an Ed25519 public key.' };
    var raw = base64Bytes(m[1]);
    var fingerprint = hex(await crypto.subtle.digest('SHA-256', raw)).match(/.{4}/g).join(' ');
    if (labels['Locket-Signing-Key-Fingerprint'] !== fingerprint) {
      problems.push(['signature-invalid', 'signature/signing-key.txt', 'this is not the key bag-info.txt names']);
      return { state: 'invalid', fingerprint: fingerprint, why: 'The key in signature/signing-key.txt is not the one bag-info.txt names.' };
    }
    var key;
    try {
      key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    } catch (err) {
      return { state: 'unsupported', fingerprint: fingerprint, why: 'This browser cannot check Ed25519 signatures. The files were still checked; check the signature with "locket verify" or a current Chrome, Edge, Firefox or Safari.' };
    }
    var failed = null;
    for (var a = 0; a < ALGS.length; a++) {
      var manifestName = 'tagmanifest-' + ALGS[a][0] + '.txt', sigName = 'signature/' + manifestName + '.sig';
      var manifest = files.get(manifestName), sigFile = files.get(sigName);
      if (!sigFile) { problems.push(['missing', sigName, 'the signature over ' + manifestName]); failed = failed || sigName + ' is missing.'; continue; }
      var sigText = await sigFile.text(), signature = null;
      if (/^[A-Za-z0-9+\/]{86}==\n$/.test(sigText)) {
        signature = base64Bytes(sigText.trim());
        if (btoa(String.fromCharCode.apply(null, Array.prototype.slice.call(signature))) + '\n' !== sigText) signature = null;
      }
      if (!signature) { problems.push(['malformed', sigName, 'a signature file holds one line of base64 and nothing else']); failed = failed || sigName + ' is damaged.'; continue; }
      if (!manifest) continue;
      if (!(await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, await manifest.arrayBuffer()))) {
        problems.push(['signature-invalid', manifestName, 'it does not match its signature in ' + sigName + ': one of the two was changed, or they were signed by another key']);
        failed = failed || 'The signature does not match ' + manifestName + ': the bag was changed after it was signed, or signed by another key.';
      }
    }
    return failed ? { state: 'invalid', fingerprint: fingerprint, why: failed } : { state: 'valid', fingerprint: fingerprint, why: null };
  }

  var WORDS = { changed: 'Changed', missing: 'Removed', unexpected: 'Added', malformed: 'Damaged', 'oxum-mismatch': 'Size differs', 'signature-invalid': 'Not as signed' };

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
        li.appendChild(tag); li.appendChild(name); li.appendChild(document.createTextNode(' — ' + p[2]));
        problemList.appendChild(li);
      });
    }
    if (problems.length) {
      var named = problems.filter(function (p) { return p[0] !== 'oxum-mismatch'; });
      var names = (named.length ? named : problems).slice(0, 3).map(function (p) { return (WORDS[p[0]] || p[0]).toLowerCase() + ': ' + p[1]; }).join('; ');
      say('broken', 'This bag is NOT intact.', problems.length + ' problem' + (problems.length === 1 ? '' : 's') + ' found (' + names + ((named.length || problems.length) > 3 ? '; …' : '') + '). Do not rely on it as it is.');
    } else if (signature.state === 'valid' && otherKey) {
      say('other-key', 'This bag was signed by a different key.', 'The files match the signatures, but the key that signed them is not the one you expected: anyone can sign an altered copy with their own key. Do not rely on this bag. Signed by ' + signature.fingerprint + '; expected ' + expected + '.');
    } else if (signature.state === 'valid' && expected) {
      say('intact', 'This bag is intact, and signed by the key you expected.', 'All ' + checked + ' files match their manifests, and the signatures by that key are valid.');
    } else if (signature.state === 'valid') {
      say('intact', 'This bag is intact.', 'All ' + checked + ' files match their manifests, and the signatures are valid. That only proves the files are as signed by the key shown below: compare its fingerprint with the one the vault owner gave you, or paste theirs above.');
    } else if (signature.state === 'unsupported') {
      say('unsigned', 'The files are intact, but the signature could not be checked here.', signature.why);
    } else {
      say('broken', 'This bag is NOT intact: its signature is not valid.', signature.why);
    }
    row('Signature', signature.state === 'valid' ? (problems.length ? 'Valid (Ed25519): the manifests are as the sender signed them; the files named above no longer match them.' : 'Valid (Ed25519)') : signature.state === 'unsupported' ? 'Not checked: ' + signature.why : 'NOT valid: ' + signature.why);
    if (signature.fingerprint) row('Key fingerprint', signature.fingerprint, true);
    if (signature.fingerprint) row('Signer', !expected ? 'Not confirmed: no expected fingerprint was pasted above.' : otherKey ? 'NOT the key you expected (' + expected + ').' : 'The key you expected.');
    row('Files checked', String(checked));
    [['External-Identifier', 'Case reference'], ['Contact-Name', 'Exported by'], ['Source-Organization', 'Organization'], ['Bagging-Date', 'Bagged on'],
     ['Locket-Bag-Id', 'Bag'], ['Bag-Count', 'Part'], ['Locket-Messages', 'Messages'], ['Locket-Time-Zone', 'Time zone']].forEach(function (l) {
      if (labels[l[0]]) row(l[1], labels[l[0]], l[0] === 'Locket-Bag-Id');
    });
  }
})();
</script>
</body>
</html>
`;
