#!/usr/bin/env python3
"""A second, independent reader of Locket vaults, written from electron/core/vault/FORMAT.md.

    python3 tools/read_vault.py VAULT OUTDIR

The passphrase comes from LOCKET_PASSPHRASE, or from a hidden prompt; LOCKET_RECOVERY_CODE opens the recovery slot
instead. The reader checks everything FORMAT.md says a reader must check, then writes OUTDIR/messages.jsonl (the
records `locket messages VAULT --json` prints) and every media item, decrypted, under OUTDIR/media/. It never
changes the vault folder. See tools/README.md.

Needs Python 3 and PyNaCl (Debian: apt-get install python3-nacl); the rest is the standard library.
"""

import getpass
import hashlib
import hmac
import json
import os
import re
import sqlite3
import struct
import sys
import tempfile
import unicodedata
import zlib

try:
    import nacl.bindings as sodium
    from nacl.exceptions import CryptoError
except ImportError:
    sys.stderr.write("PyNaCl is missing: apt-get install python3-nacl\n")
    sys.exit(1)

# FORMAT.md, "Header".
HEADER_MAGIC = b"LKTVAULT"
FORMAT_VERSION = 1
UNBOUND_LENGTH = 297
BOUND_LENGTH = 353
SLOTS_AT = 37
SLOT_LENGTH = 98
SLOTS_END = SLOTS_AT + 2 * SLOT_LENGTH  # 233
SLOT_PASSPHRASE = 1
SLOT_RECOVERY = 2
KDF_ARGON2ID = 2
# FORMAT.md, "Limits on KDF parameters": ops limit, memory in KiB.
KDF_FLOOR = (1, 8 * 1024)
KDF_CAP = (16, 1024 * 1024)
# FORMAT.md, "Keys": crypto_kdf ids under the context "locketv1".
KDF_CONTEXT = b"locketv1"
SUBKEY_HEADER_MAC = 1
SUBKEY_WRAP = 2
# FORMAT.md, "Encrypted files".
FILE_MAGIC = b"LKTF"
FILE_PREFIX = 40
WRAPPED_KEY_LENGTH = 72
STREAM_HEADER = 24
CHUNK = 65536
CHUNK_OVERHEAD = 17
KIND_CATALOG, KIND_SHARD, KIND_MEDIA = 1, 2, 3
# FORMAT.md, "Compressed files": file version 2 holds its contents as length[8] || zlib stream.
FILE_VERSION, FILE_VERSION_COMPRESSED, FILE_VERSION_FILTERED = 1, 2, 3
# A shard's phrase filter is at most 16 MiB plus its 259-byte header (FORMAT.md, "Phrase filters").
MAX_FILTER_SECTION = 16 * 1024 * 1024 + 259
MAX_PLAINTEXT = 1024 * 1024 * 1024
SHARD_BUDGET = 16 * 1024 * 1024
# The newest migrations this reader knows the tables of (FORMAT.md, "Catalog", "Shards"). Catalog 6 only adds
# per-shard counts (shard_conversations, shard_media), 7 the backup records, 8 conversations.last_message_sender and
# 9 packs the per-shard counts into shard_counts and 10 records each shard's format (shards.shard_version), which
# this reader has no use for. Shard 4 changes only the search
# index, which this reader does not read.
CATALOG_USER_VERSION = 10
SHARD_USER_VERSION = 4

HEADER_FILE = "locket.header"
CATALOG_FILE = "catalog.lkt"
NEXT_CATALOG_FILE = "catalog.lkt.next"
FILE_ID = re.compile(r"^[0-9a-f]{32}$")
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

EXIT_CODES = {
    "wrong-passphrase": 3,
    "wrong-recovery-code": 3,
    "vault-corrupt": 4,
    "vault-rollback": 4,
    "kdf-params-out-of-range": 4,
    "unsupported-version": 5,
    "vault-not-found": 6,
    "invalid-argument": 2,
}


class VaultError(Exception):
    def __init__(self, code, message, file=None):
        super().__init__(message)
        self.code = code
        self.file = file


def corrupt_header(reason):
    return VaultError("vault-corrupt", "The vault header (locket.header) is damaged: %s." % reason, HEADER_FILE)


def corrupt_file(label, reason):
    return VaultError(
        "vault-corrupt",
        "The vault file %s is damaged or was replaced: %s. Restore the vault folder from a backup." % (label, reason),
        label,
    )


# ---------------------------------------------------------------- primitives (FORMAT.md, "Conventions")


def kdf(key, subkey_id):
    """crypto_kdf_derive_from_key(32, id, "locketv1", key): keyed BLAKE2b-256 with the id as salt, the context as
    personalization, and no message."""
    salt = struct.pack("<Q", subkey_id) + b"\x00" * 8
    return hashlib.blake2b(b"", digest_size=32, key=key, salt=salt, person=KDF_CONTEXT + b"\x00" * 8).digest()


def mac(key, message):
    """crypto_auth: HMAC-SHA-512 truncated to 32 bytes."""
    return hmac.new(key, message, hashlib.sha512).digest()[:32]


def aead_open(key, nonce, ad, sealed):
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(bytes(sealed), bytes(ad), bytes(nonce), bytes(key))


def unwrap_key(wrap_key, wrapped, vault_id, kind, file_id, label):
    """A wrapped file key: nonce[24] || AEAD(wrap key, nonce, ad = vault id || kind || file id, key)."""
    wrapped = bytes(wrapped) if wrapped is not None else b""
    if len(wrapped) != 24 + 32 + 16:
        raise corrupt_file(label, "its key record has the wrong length")
    try:
        return aead_open(wrap_key, wrapped[:24], vault_id + bytes([kind]) + file_id, wrapped[24:])
    except CryptoError:
        raise corrupt_file(label, "its key record does not belong to it")


# ---------------------------------------------------------------- header (FORMAT.md, "Reading the header")


def parse_header(data):
    if len(data) < 10 or data[:8] != HEADER_MAGIC:
        raise corrupt_header("it is not a Locket vault header")
    version = struct.unpack_from("<H", data, 8)[0]
    if version != FORMAT_VERSION:
        raise VaultError(
            "unsupported-version",
            "This vault uses format version %d; this reader reads version %d." % (version, FORMAT_VERSION),
        )
    if len(data) not in (UNBOUND_LENGTH, BOUND_LENGTH):
        raise corrupt_header("it is %d bytes long instead of %d or %d" % (len(data), UNBOUND_LENGTH, BOUND_LENGTH))
    if hashlib.blake2b(data[:-32], digest_size=64).digest()[:32] != data[-32:]:
        raise corrupt_header("its checksum does not match (the file was damaged)")
    flags = struct.unpack_from("<H", data, 10)[0]
    if flags not in (0, 1):
        raise corrupt_header("unknown flags are set")
    bound = flags == 1
    if len(data) != (BOUND_LENGTH if bound else UNBOUND_LENGTH):
        raise corrupt_header("its length (%d bytes) does not match its flags" % len(data))
    if data[36] != 2:
        raise corrupt_header("it does not hold exactly two key slots")
    slots = []
    for index, expected_type in enumerate((SLOT_PASSPHRASE, SLOT_RECOVERY)):
        at = SLOTS_AT + index * SLOT_LENGTH
        if data[at] != expected_type:
            raise corrupt_header("key slot %d has type %d" % (expected_type, data[at]))
        if data[at + 1] != KDF_ARGON2ID:
            raise corrupt_header("key slot %d names an unknown key-derivation function" % expected_type)
        ops, mem_kib = struct.unpack_from("<II", data, at + 2)
        slots.append(
            {
                "type": expected_type,
                "ops": ops,
                "mem_kib": mem_kib,
                "salt": data[at + 10 : at + 26],
                "nonce": data[at + 26 : at + 50],
                "wrapped_root": data[at + 50 : at + 98],
            }
        )
    mac_at = SLOTS_END + (56 if bound else 0)
    header = {"bytes": data, "vault_id": data[12:28], "slots": slots, "mac_at": mac_at, "binding": None}
    if bound:
        header["binding"] = {
            "generation": struct.unpack_from("<Q", data, SLOTS_END)[0],
            "file_id": data[SLOTS_END + 8 : SLOTS_END + 24],
            "sha256": data[SLOTS_END + 24 : SLOTS_END + 56],
        }
    return header


def check_kdf_limits(header):
    for slot in header["slots"]:
        ops, mem = slot["ops"], slot["mem_kib"]
        if not (KDF_FLOOR[0] <= ops <= KDF_CAP[0] and KDF_FLOOR[1] <= mem <= KDF_CAP[1]):
            raise VaultError(
                "kdf-params-out-of-range",
                "Key slot %d asks for key-derivation settings outside the format's limits (%d passes, %d KiB; "
                "allowed are %d-%d passes and %d-%d MiB). The header may have been tampered with."
                % (slot["type"], ops, mem, KDF_FLOOR[0], KDF_CAP[0], KDF_FLOOR[1] // 1024, KDF_CAP[1] // 1024),
            )


def normalize_recovery_code(text):
    compact = re.sub(r"[\s-]", "", text.upper()).replace("O", "0").replace("I", "1").replace("L", "1")
    if len(compact) != 32 or any(ch not in CROCKFORD for ch in compact):
        return None
    return compact


def open_header(header, slot_type, secret):
    check_kdf_limits(header)
    slot = header["slots"][slot_type - 1]
    slot_key = sodium.crypto_pwhash_alg(
        32, secret, bytes(slot["salt"]), slot["ops"], slot["mem_kib"] * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13
    )
    try:
        root = aead_open(slot_key, slot["nonce"], b"LKTSLOT" + bytes([slot_type]), slot["wrapped_root"])
    except CryptoError:
        if slot_type == SLOT_PASSPHRASE:
            raise VaultError("wrong-passphrase", "That passphrase does not open this vault.")
        raise VaultError("wrong-recovery-code", "That recovery code does not open this vault.")
    keys = {"root": root, "header_mac": kdf(root, SUBKEY_HEADER_MAC), "wrap": kdf(root, SUBKEY_WRAP)}
    data = header["bytes"]
    mac_at = header["mac_at"]
    if not hmac.compare_digest(mac(keys["header_mac"], data[:mac_at]), data[mac_at : mac_at + 32]):
        raise corrupt_header("its integrity check failed")
    return keys


# ---------------------------------------------------------------- encrypted files (FORMAT.md, "Encrypted files")


def check_file_header(prefix, vault_id, kind, file_id, label):
    """Returns the file's version: 1 plain, 2 compressed (a catalog or shard), 3 a phrase filter and then the
    contents compressed (a shard)."""
    if len(prefix) < FILE_PREFIX or prefix[:4] != FILE_MAGIC:
        raise corrupt_file(label, "it is not a Locket file")
    if prefix[4] not in (FILE_VERSION, FILE_VERSION_COMPRESSED, FILE_VERSION_FILTERED):
        raise VaultError(
            "unsupported-version", "The vault file %s uses a newer format (%d)." % (label, prefix[4]), label
        )
    if prefix[5] != kind:
        raise corrupt_file(label, "it holds another kind of data")
    if prefix[8:24] != vault_id:
        raise corrupt_file(label, "it belongs to another vault")
    if prefix[24:40] != file_id:
        raise corrupt_file(label, "it is another file of this vault")
    if prefix[4] != FILE_VERSION and kind == KIND_MEDIA:
        raise corrupt_file(label, "it says it is compressed")
    if prefix[4] == FILE_VERSION_FILTERED and kind != KIND_SHARD:
        raise corrupt_file(label, "it says it holds a phrase filter")
    return prefix[4]


def skip_filter(plain, label):
    """The compressed contents after a version-3 plaintext's filter section, which this reader does not need."""
    if len(plain) < 4:
        raise corrupt_file(label, "its phrase filter is truncated")
    length = struct.unpack_from("<I", plain, 0)[0]
    if length > MAX_FILTER_SECTION or 4 + length > len(plain):
        raise corrupt_file(label, "its phrase filter says it holds %d bytes, more than it can" % length)
    return plain[4 + length :]


def shard_limit(byte_size):
    """The most a shard may hold uncompressed: its recorded byte_size, at least the 16 MiB shard budget."""
    return min(MAX_PLAINTEXT, max(SHARD_BUDGET, byte_size))


def decompress(plain, limit, label):
    """length[8] || zlib stream, refusing a length over `limit` before inflating and a stream that inflates to
    more or less than its length: a decompression bomb costs at most `limit` bytes."""
    if len(plain) < 8:
        raise corrupt_file(label, "its compressed contents are truncated")
    declared = struct.unpack_from("<Q", plain, 0)[0]
    bound = min(limit, MAX_PLAINTEXT)
    if declared > bound:
        raise corrupt_file(
            label,
            "it says it holds %d bytes uncompressed, more than the %d a file of its kind may hold" % (declared, bound),
        )
    inflater = zlib.decompressobj()
    try:
        # One byte more than declared: enough to tell a stream that goes on, never more.
        out = inflater.decompress(plain[8:], declared + 1)
    except zlib.error:
        raise corrupt_file(label, "its compressed contents are damaged")
    if len(out) > declared:
        raise corrupt_file(
            label, "its compressed contents inflate to more than the %d bytes it says it holds" % declared
        )
    if not inflater.eof:
        raise corrupt_file(label, "its compressed contents are damaged")
    if len(out) != declared:
        raise corrupt_file(label, "its compressed contents inflate to %d bytes instead of %d" % (len(out), declared))
    if inflater.unused_data:
        raise corrupt_file(label, "it has bytes after its compressed contents")
    return out


def decrypt_stream(read, prefix, key, label, emit):
    """Pulls the chunks that `read(n)` returns after the stream header through secretstream, handing each plaintext
    chunk to `emit`. Raises unless the stream ends with exactly one FINAL chunk and nothing after it."""
    stream_header = read(STREAM_HEADER)
    if len(stream_header) != STREAM_HEADER:
        raise corrupt_file(label, "it is truncated")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, stream_header, bytes(key))
    except CryptoError:
        raise corrupt_file(label, "its stream header is invalid")
    final = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
    message = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
    while True:
        chunk = read(CHUNK + CHUNK_OVERHEAD)
        if len(chunk) < CHUNK_OVERHEAD:
            raise corrupt_file(label, "it is truncated (it ends without its final chunk)")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, bytes(prefix))
        except CryptoError:
            raise corrupt_file(label, "a chunk failed authentication")
        if tag == final:
            if read(1):
                raise corrupt_file(label, "it has bytes after its final chunk")
            emit(plain)
            return
        if tag != message or len(plain) != CHUNK:
            raise corrupt_file(label, "a chunk is not where the format puts it")
        emit(plain)


def open_buffer(data, vault_id, kind, file_id, key, label, limit=MAX_PLAINTEXT):
    version = check_file_header(data[:FILE_PREFIX], vault_id, kind, file_id, label)
    at = FILE_PREFIX + (WRAPPED_KEY_LENGTH if kind == KIND_CATALOG else 0)
    position = [at]

    def read(n):
        piece = data[position[0] : position[0] + n]
        position[0] += len(piece)
        return piece

    parts = []
    decrypt_stream(read, data[:FILE_PREFIX], key, label, parts.append)
    plain = b"".join(parts)
    if version == FILE_VERSION_FILTERED:
        plain = skip_filter(plain, label)
    return decompress(plain, limit, label) if version != FILE_VERSION else plain


def read_vault_file(vault, label):
    try:
        with open(os.path.join(vault, *label.split("/")), "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise VaultError(
            "vault-corrupt", "The vault file %s is missing. Restore the vault folder from a backup." % label, label
        )


def read_optional(vault, name):
    try:
        with open(os.path.join(vault, name), "rb") as f:
            return f.read()
    except (FileNotFoundError, IsADirectoryError):
        return None


# ---------------------------------------------------------------- SQLite images


def load_sqlite(image, label, what, max_user_version):
    db = sqlite3.connect(":memory:")
    try:
        if hasattr(db, "deserialize"):
            db.deserialize(image)
        else:  # Python before 3.11: through a private temporary file
            db.close()
            fd, path = tempfile.mkstemp(suffix=".sqlite")
            try:
                os.write(fd, image)
                os.close(fd)
                disk = sqlite3.connect(path)
                db = sqlite3.connect(":memory:")
                disk.backup(db)
                disk.close()
            finally:
                os.unlink(path)
        user_version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        raise VaultError("vault-corrupt", "The vault file %s decrypts but is not a valid %s." % (label, what), label)
    if user_version > max_user_version:
        raise VaultError(
            "unsupported-version",
            "The vault file %s was written by a newer Locket (%s version %d; this reader knows up to %d)."
            % (label, what, user_version, max_user_version),
            label,
        )
    return db


def setting(catalog, key, default=None):
    row = catalog.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


# ---------------------------------------------------------------- catalog (FORMAT.md, "Catalog binding")


def decrypt_catalog(data, header, keys, label):
    file_id = data[24:40] if len(data) >= FILE_PREFIX else b"\x00" * 16
    if len(data) < FILE_PREFIX + WRAPPED_KEY_LENGTH:
        raise corrupt_file(label, "it is truncated")
    wrapped = data[FILE_PREFIX : FILE_PREFIX + WRAPPED_KEY_LENGTH]
    key = unwrap_key(keys["wrap"], wrapped, header["vault_id"], KIND_CATALOG, file_id, label)
    plain = open_buffer(data, header["vault_id"], KIND_CATALOG, file_id, key, label)
    return load_sqlite(plain, label, "catalog", CATALOG_USER_VERSION)


def catalog_key_opens(data, header, keys):
    if data is None or len(data) < FILE_PREFIX + WRAPPED_KEY_LENGTH:
        return False
    try:
        wrapped = data[FILE_PREFIX : FILE_PREFIX + WRAPPED_KEY_LENGTH]
        unwrap_key(keys["wrap"], wrapped, header["vault_id"], KIND_CATALOG, data[24:40], CATALOG_FILE)
        return True
    except VaultError:
        return False


def old_header_copy():
    return VaultError(
        "vault-corrupt",
        "The vault file catalog.lkt does not open under this header: the header may be an old copy from before the "
        "root key was replaced (or the catalog was damaged or replaced). Restore the vault folder from one backup.",
        CATALOG_FILE,
    )


def matches_binding(data, binding):
    return (
        data is not None
        and len(data) >= FILE_PREFIX
        and data[24:40] == binding["file_id"]
        and hashlib.sha256(data).digest() == binding["sha256"]
    )


def open_catalog(vault, header, keys):
    """Returns the catalog the header commits to. Read-only: where Locket would finish an interrupted commit, this
    reader reads the catalog that commit made (catalog.lkt.next) without renaming anything."""
    current = read_optional(vault, CATALOG_FILE)
    pending = read_optional(vault, NEXT_CATALOG_FILE)
    binding = header["binding"]
    if binding is None:
        if catalog_key_opens(pending, header, keys) and not catalog_key_opens(current, header, keys):
            return decrypt_catalog(pending, header, keys, NEXT_CATALOG_FILE)
        if current is None:
            raise VaultError("vault-corrupt", "The vault file catalog.lkt is missing.", CATALOG_FILE)
        if not catalog_key_opens(current, header, keys):
            raise old_header_copy()
        return decrypt_catalog(current, header, keys, CATALOG_FILE)
    if matches_binding(current, binding):
        return decrypt_catalog(current, header, keys, CATALOG_FILE)
    if matches_binding(pending, binding):
        return decrypt_catalog(pending, header, keys, NEXT_CATALOG_FILE)
    # Not the bound catalog: decrypt it only to say why.
    generation = None
    if current is not None:
        try:
            generation = int(setting(decrypt_catalog(current, header, keys, CATALOG_FILE), "generation", 0))
        except VaultError:
            generation = None
    expected = binding["generation"]
    if generation is None:
        if current is not None and not catalog_key_opens(current, header, keys):
            raise old_header_copy()
        raise VaultError(
            "vault-corrupt",
            "The vault file catalog.lkt is missing or damaged. Restore the vault folder from a backup.",
            CATALOG_FILE,
        )
    if generation < expected:
        raise VaultError(
            "vault-rollback",
            "catalog.lkt is older than the vault's last commit (generation %d, expected %d): it was restored from an "
            "older copy." % (generation, expected),
            CATALOG_FILE,
        )
    if generation > expected:
        raise VaultError(
            "vault-rollback",
            "locket.header is older than catalog.lkt (the header commits to generation %d, the catalog is generation "
            "%d): the header was restored from an older copy." % (expected, generation),
            HEADER_FILE,
        )
    raise VaultError(
        "vault-corrupt",
        "The vault file catalog.lkt is not the catalog locket.header was committed with (both say generation %d): "
        "it was replaced." % expected,
        CATALOG_FILE,
    )


def checked_file_id(value, table):
    if not isinstance(value, str) or not FILE_ID.match(value):
        raise VaultError(
            "vault-corrupt", "The catalog's %s table names a file id that is not 32 hex digits." % table, CATALOG_FILE
        )
    return value


# ---------------------------------------------------------------- messages (`locket messages --json`)


def iso_time(seconds):
    """JavaScript's Date.prototype.toISOString of `seconds * 1000` (UTC, milliseconds, Z)."""
    days, rest = divmod(seconds, 86400)
    # Days since 1970-01-01 to a civil date (proleptic Gregorian), valid for any integer.
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    year = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    if month <= 2:
        year += 1
    if 0 <= year <= 9999:
        year_text = "%04d" % year
    else:
        year_text = ("-" if year < 0 else "+") + "%06d" % abs(year)
    return "%s-%02d-%02dT%02d:%02d:%02d.000Z" % (year_text, month, day, rest // 3600, rest // 60 % 60, rest % 60)


class SenderNames:
    def __init__(self, catalog):
        self.catalog = catalog
        self.owner = setting(catalog, "owner")
        self.cache = {}

    @property
    def owner_username(self):
        return self.owner.get("username") if self.owner else None

    def name_of(self, sender, conversation_id, is_self):
        username = sender if sender is not None else (self.owner_username if is_self else None)
        if not username:
            return None
        key = (conversation_id, username)
        if key not in self.cache:
            row = self.catalog.execute(
                """SELECT coalesce(
                     (SELECT nullif(group_nickname, '') FROM group_members WHERE conversation_id = ? AND username = ?),
                     (SELECT coalesce(nullif(remark, ''), nullif(nickname, '')) FROM contacts WHERE username = ?))""",
                (conversation_id, username, username),
            ).fetchone()
            name = row[0] if row else None
            if name is None and self.owner and username == self.owner.get("username"):
                name = self.owner.get("name")
            self.cache[key] = name if name is not None else username
        return self.cache[key]


def message_records(catalog, shard_db, usernames, names):
    rows = shard_db.execute(
        "SELECT id, conversation_id, source_id, sender, is_sent, time, kind, text, payload FROM messages "
        "ORDER BY time, id"
    )
    for mid, conversation_id, source_id, sender, is_sent, time, kind, text, payload in rows:
        is_self = is_sent == 1
        yield {
            "id": mid,
            "conversation": usernames.get(conversation_id, ""),
            "sender": sender if sender is not None else (names.owner_username if is_self else None),
            "senderName": names.name_of(sender, conversation_id, is_self),
            "isSelf": is_self,
            "time": time,
            "timeIso": iso_time(time),
            "kind": kind,
            "text": text,
            "serverId": source_id,
            "payload": json.loads(payload) if payload else {},
        }


# ---------------------------------------------------------------- output


MIME_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/heic": ".heic",
    "image/tiff": ".tif",
    "image/x-wxgf": ".wxgf",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "audio/amr": ".amr",
    "audio/silk": ".silk",
    "audio/wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
}


class Output:
    """Creates files only inside OUTDIR, which must be new or empty; removes them all if the run fails."""

    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.created = []

    def check(self):
        """Refuses an OUTDIR that is not a new or empty folder, before any secret is asked for."""
        if os.path.lexists(self.root):
            if os.path.islink(self.root) or not os.path.isdir(self.root):
                raise VaultError("invalid-argument", "OUTDIR %s exists and is not a folder." % self.root)
            if os.listdir(self.root):
                raise VaultError("invalid-argument", "OUTDIR %s is not empty: give a new or empty folder." % self.root)

    def prepare(self):
        self.check()
        if not os.path.lexists(self.root):
            os.makedirs(self.root, mode=0o700)
            self.created.append(self.root)
        media = os.path.join(self.root, "media")
        os.mkdir(media, 0o700)
        self.created.append(media)

    def open_new(self, *parts):
        for part in parts:
            if part in ("", ".", "..") or "/" in part or "\\" in part or "\x00" in part:
                raise ValueError("unsafe output name %r" % part)
        path = os.path.join(self.root, *parts)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o600)
        self.created.append(path)
        return os.fdopen(fd, "wb"), path

    def discard(self, path):
        if os.path.lexists(path):
            os.unlink(path)
        if path in self.created:
            self.created.remove(path)

    def undo(self):
        for path in reversed(self.created):
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    os.rmdir(path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        self.created = []


def export_media(vault, catalog, header, keys, out):
    """Every media item, decrypted a chunk at a time into a provisional file that is renamed only once its FINAL
    chunk has authenticated and its size matched the catalog's."""
    rows = catalog.execute("SELECT file_id, wrapped_key, byte_size, mime FROM media ORDER BY rowid")
    rows = rows.fetchall()
    for file_id, wrapped_key, byte_size, mime in rows:
        checked_file_id(file_id, "media")
        label = "media/%s/%s.lkt" % (file_id[:2], file_id)
        fid = bytes.fromhex(file_id)
        key = unwrap_key(keys["wrap"], wrapped_key, header["vault_id"], KIND_MEDIA, fid, label)
        try:
            source = open(os.path.join(vault, "media", file_id[:2], file_id + ".lkt"), "rb")
        except FileNotFoundError:
            raise VaultError("vault-corrupt", "The vault file %s is missing." % label, label)
        with source:
            prefix = source.read(FILE_PREFIX)
            check_file_header(prefix, header["vault_id"], KIND_MEDIA, fid, label)
            partial, partial_path = out.open_new("media", file_id + ".partial")
            size = [0]

            def emit(plain):
                size[0] += len(plain)
                partial.write(plain)

            try:
                with partial:
                    decrypt_stream(source.read, prefix, key, label, emit)
                if size[0] != byte_size:
                    raise corrupt_file(label, "it holds %d bytes; the catalog says %d" % (size[0], byte_size))
            except BaseException:
                out.discard(partial_path)
                raise
        name = file_id + MIME_EXTENSIONS.get(mime or "", "")
        final_path = os.path.join(out.root, "media", name)
        os.rename(partial_path, final_path)
        out.created[out.created.index(partial_path)] = final_path
    return len(rows)


def read_vault(vault, out, secret):
    header_bytes = read_optional(vault, HEADER_FILE)
    if header_bytes is None:
        raise VaultError("vault-not-found", "There is no Locket vault at %s (no locket.header in it)." % vault)
    header = parse_header(header_bytes)
    kind, value = secret
    if kind == "recovery":
        code = normalize_recovery_code(value)
        if code is None:
            check_kdf_limits(header)
            raise VaultError("wrong-recovery-code", "That is not a recovery code: it has 32 letters and digits.")
        keys = open_header(header, SLOT_RECOVERY, code.encode("utf-8"))
    else:
        keys = open_header(header, SLOT_PASSPHRASE, unicodedata.normalize("NFC", value).encode("utf-8"))
    catalog = open_catalog(vault, header, keys)

    usernames = dict(catalog.execute("SELECT id, username FROM conversations").fetchall())
    names = SenderNames(catalog)
    records = []
    shards = catalog.execute(
        "SELECT file_id, wrapped_key, message_count, byte_size FROM shards ORDER BY start_time"
    ).fetchall()
    for file_id, wrapped_key, message_count, byte_size in shards:
        checked_file_id(file_id, "shards")
        label = "shards/%s.lkt" % file_id
        fid = bytes.fromhex(file_id)
        key = unwrap_key(keys["wrap"], wrapped_key, header["vault_id"], KIND_SHARD, fid, label)
        data = read_vault_file(vault, label)
        image = open_buffer(data, header["vault_id"], KIND_SHARD, fid, key, label, shard_limit(byte_size))
        db = load_sqlite(image, label, "shard", SHARD_USER_VERSION)
        before = len(records)
        records.extend(message_records(catalog, db, usernames, names))
        db.close()
        if len(records) - before != message_count:
            raise VaultError(
                "vault-corrupt",
                "The vault file %s holds %d messages; the catalog says %d."
                % (label, len(records) - before, message_count),
                label,
            )

    out.prepare()
    media_count = export_media(vault, catalog, header, keys, out)
    jsonl, _ = out.open_new("messages.jsonl")
    with jsonl:
        for record in records:
            jsonl.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    return len(records), media_count


def main(argv):
    if len(argv) != 3 or argv[1].startswith("-"):
        sys.stderr.write(
            "usage: read_vault.py VAULT OUTDIR\n"
            "  Decrypts a Locket vault into OUTDIR/messages.jsonl and OUTDIR/media/ (OUTDIR must be new or empty).\n"
            "  Passphrase from LOCKET_PASSPHRASE or a prompt; LOCKET_RECOVERY_CODE uses the recovery code instead.\n"
        )
        return 2
    vault, outdir = argv[1], argv[2]
    if sqlite3.sqlite_version_info < (3, 37, 0):
        sys.stderr.write("SQLite %s is too old: Locket's tables are STRICT (SQLite 3.37+).\n" % sqlite3.sqlite_version)
        return 1
    out = Output(outdir)
    try:
        out.check()
    except VaultError as error:
        sys.stderr.write("error [%s]: %s\n" % (error.code, error))
        return EXIT_CODES[error.code]
    if os.environ.get("LOCKET_RECOVERY_CODE"):
        secret = ("recovery", os.environ["LOCKET_RECOVERY_CODE"])
    elif os.environ.get("LOCKET_PASSPHRASE") is not None:
        secret = ("passphrase", os.environ["LOCKET_PASSPHRASE"])
    else:
        try:
            secret = ("passphrase", getpass.getpass("Passphrase for %s: " % vault))
        except (EOFError, KeyboardInterrupt):
            sys.stderr.write("\nNo passphrase given (set LOCKET_PASSPHRASE, or type it at the prompt).\n")
            return 2
    try:
        messages, media = read_vault(vault, out, secret)
    except VaultError as error:
        out.undo()
        where = " " + error.file if error.file else ""
        sys.stderr.write("error [%s]%s: %s\n" % (error.code, where, error))
        return EXIT_CODES.get(error.code, 1)
    except BaseException:
        out.undo()
        raise
    sys.stdout.write("%d messages and %d media files written to %s\n" % (messages, media, out.root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
