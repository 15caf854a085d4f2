"""The search index: written over a rendered site folder by the last stage of every build.

Why our own index, not Pagefind's: in Vietnamese every syllable is a word, and the common
ones (giáo, dục, học, sinh, số) are on every page. Pagefind stores every position of every
word, so a query containing "giao duc" downloads and scores the whole corpus (1.1 s and
megabytes per query at 1,000 plans, README "Search"). Here each page is reduced to:

- its folded syllables (`giao`, `duc`; đ folded to d, tone marks dropped) and each pair of
  adjacent folded syllables (`giao_duc`), plus the pair across "số" (`nghi_dinh_71`
  from "Nghị định số 71" is stored as `dinh_71`), so a phrase is found as its pairs;
- the exact lower-case spelling of each syllable that has diacritics (`=đông`), for ranking
  pages spelled as the query was typed first;
- its filters, as tokens (`#province=Quảng Ninh`); on a locality's own page its own filter
  is flagged +32, so a query naming a place can list the place's pages first.

Each token's posting list holds page numbers and one weight byte (term frequency up to 15,
+16 when the token is in the page's keys: number, title, place, signer; +32 in its title),
no positions.
A token on more than half the pages is stored as the pages that LACK it, so no posting list
is longer than half the corpus. Pages are numbered newest first, so a list in page order is
a list by date. Posting lists are grouped by a hash of the token into shards of a few KB;
long lists get a file of their own. Each page's text for excerpts, split into blocks
(paragraph, list item, "label: value"), is a separate file, fetched only for shown results.
Every file is gzip-compressed JSON (decompressed in the browser). assets/search.js reads it.

What is indexed follows the data-pagefind-* attributes the templates already carry:
`data-pagefind-body` marks the indexed part, `data-pagefind-ignore` removes a part,
`data-pagefind-meta`, `-filter`, `-sort` give metadata, filters and the date.

Cost: each page is read into a record (its tokens and weights, its compressed excerpt file)
in the render workers, right after the page is rendered (`page_record`, called by
plansite/site_writer.py), and records are cached by the hash of the page's HTML. The index
stage only merges records in the main process. A rebuild where the same pages keep their
dates patches the previous index: only the posting lists of the tokens whose weights changed
are re-encoded, and every other file is hard-linked from the published site. The number of
shards depends on the number of pages only, so it does not move with an edit.
"""
from __future__ import annotations

import errno
import gzip
import hashlib
import json
import math
import multiprocessing
import os
import pickle
import re
import shutil
import tempfile
import unicodedata
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from operator import sub
from pathlib import Path

from plansite.cache_files import cache_disabled, write_atomically
from plansite.workers import freeze_heap

INDEX_DIR = "tim-kiem/chi-muc"
FORMAT_VERSION = 1
# Not indexed as text: the title (h1; indexed through the page's keys), the document header
# (issuer, number, national motto, date line), the "KẾ HOẠCH" type line, the signature block
# and the recipients: boilerplate that would otherwise win every excerpt. Permalinks (¶) and
# footnote back-links (↩) are symbols.
EXCLUDED_CLASSES = ("plansite-doc-header", "plansite-doc-type", "plansite-recipients", "plansite-signer",
                    "plansite-doc-footer", "headerlink", "footnote-backref")
EXCLUDED_TAGS = {"h1", "script", "style", "template", "footer", "nav"}
BLOCK_TAGS = {"p", "li", "dd", "td", "th", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "caption",
              "section", "div", "table", "tr", "ul", "ol", "dl", "details", "summary", "figure", "aside", "header"}
TRANSPARENT = "so"  # "Nghị định số 71": a pair is also stored across "số"
KEYS_FIELD = "keys"
OWN_FIELD = "own"  # a locality page's own filter (plansite/search.py): flagged IN_TITLE
SHOWN_META = ("title", "label", "place", "date")
MAX_TF = 15
IN_KEYS = 16
IN_TITLE = 32
SHARDS_PER_PAGE = 0.6  # 2,048 shards of about 12 KB of JSON (4 KB over the wire) at 2,500 pages
MAX_SHARDS = 2048  # beyond, lists long enough to fill shards get files of their own (w/)
OWN_FILE_BYTES = 4_000  # a posting list longer than this (JSON) gets a file of its own
WORKERS = max(1, min(4, os.cpu_count() or 1))

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_BREAK = re.compile(r"[,;.:!?…]+(?=\s|$)|[()\[\]“”\"«»]")
_BODY = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b[^>]*>(.*)</article>", re.S)
_FIELD = re.compile(r'<span data-pagefind-(meta|filter|sort)="([^"]+)">([^<]*)</span>')
_SORT_DATE = re.compile(r'<span data-pagefind-sort="date">([^<]*)</span>')


class SearchIndexError(Exception):
    """The index could not be written, or holds another number of pages than expected."""


# --- tokens (assets/search.js tokenises queries the same way) --------------------------

_MARKS = re.compile("[\u0300-\u036f]+")


def _fold_lower(text: str) -> str:
    """fold(text).lower() for Vietnamese: drop the combining marks of the decomposed text, đ -> d
    (one regex pass over the text: fold() character by character is slow at scale)."""
    lower = text.lower().replace("đ", "d")
    return _MARKS.sub("", unicodedata.normalize("NFD", lower))


def syllables(text: str) -> list[tuple[str, str]]:
    """(folded, exact lower-case) syllables of a text: 'Đào tạo 71/2020' -> [('dao', 'đào'), ('tao', 'tạo'), ...]."""
    exact = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    folded = _WORD.findall(_fold_lower(" ".join(exact)))
    if len(folded) != len(exact):  # a character that folds to a non-word one: word by word
        folded = [_fold_lower(word) for word in exact]
    return list(zip(folded, exact))


def segments(text: str) -> list[str]:
    """A text cut where a phrase cannot continue: at , ; . : ! ? before a space, and at brackets
    and quotes ("xâm hại, phòng chống" holds no "hai phong"); "29-NQ/TW", "12.848" stay whole."""
    return [segment for segment in _BREAK.split(text) if segment.strip()]


def tokens(text: str) -> list[str]:
    """Every token a text gives: folded syllables, pairs of neighbours, exact spellings with diacritics."""
    found: list[str] = []
    pairs: list[str] = []
    exact: list[str] = []
    for segment in _BREAK.split(unicodedata.normalize("NFC", text).lower()):
        words = _WORD.findall(segment)
        if not words:
            continue
        folded = [_FOLDED.get(word) or _fold_word(word) for word in words]
        after = folded[1:]
        found += folded
        pairs += map("_".join, zip(folded, after))
        if TRANSPARENT in after:
            pairs += [f"{a}_{c}" for a, b, c in zip(folded, after, folded[2:]) if b == TRANSPARENT]
        exact += ["=" + word for word, f in zip(words, folded) if word != f]
    return found + pairs + exact


_FOLDED: dict[str, str] = {}  # a word's folded form: the vocabulary is small, pages are many


def _fold_word(word: str) -> str:
    folded = _FOLDED[word] = _fold_lower(word)
    return folded


def token_hash(token: str) -> int:
    """FNV-1a (32 bits) of the UTF-8 bytes; the browser computes the same to find a token's shard."""
    value = 0x811C9DC5
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


# --- reading one rendered page -----------------------------------------------------------

@dataclass
class PageRecord:
    """What the index keeps of one page: its address and date (for the page order), its tokens
    and weight bytes, and its excerpt file (gzip JSON: address, metadata, text blocks, keys)."""

    path: str  # the page's file in the site: 'a/b/index.html'
    date: str
    tokens: list[str]  # those of even hash first (shards 0, 2, 4...), then those of odd hash
    weights: bytes
    excerpt: bytes
    split: int = 0  # where the tokens of odd hash start


def page_record(html: str, site_path: str) -> PageRecord | None:
    """The record of the page at site_path, None if it is not searchable (no data-pagefind-body)."""
    body = _BODY.search(html)
    if not body:
        return None
    meta: dict[str, str] = {}
    filters: list[tuple[str, str]] = []
    for kind, key, value in _FIELD.findall(body.group(1)):
        value = _unescape(value)
        if kind == "meta":
            meta[key] = value
        elif kind == "filter":
            filters.append((key, value))
    blocks = text_blocks(body.group(1))
    found: list[str] = []
    for block in blocks:
        found += tokens(block)
    weights = {token: min(count, MAX_TF) for token, count in Counter(found).items()}
    for token in set(tokens(meta.get(KEYS_FIELD, ""))):
        weights[token] = weights.get(token, 0) | IN_KEYS
    for token in set(tokens(meta.get("title", ""))):
        weights[token] = weights.get(token, 0) | IN_KEYS | IN_TITLE
    for key, value in filters:
        weights[f"#{key}={value}"] = 1 | (IN_TITLE if key == meta.get(OWN_FIELD) else 0)
    folder = site_path.rpartition("/")[0]
    url = f"/{folder}/" if folder else "/"
    dated = _SORT_DATE.search(body.group(1))
    shown = {"u": url, "m": {key: meta[key] for key in SHOWN_META if meta.get(key)}, "b": blocks,
             "k": meta.get(KEYS_FIELD, "")}
    even = [token for token in weights if not _parity(token)]
    odd = [token for token in weights if _parity(token)]
    return PageRecord(site_path, dated.group(1) if dated else "", even + odd, bytes(weights[t] for t in even + odd),
                      _compressed(shown), len(even))


_PARITIES: dict[str, int] = {}


def _parity(token: str) -> int:
    """Which half of the shards holds the token (shard numbers are hashes modulo a power of 2)."""
    parity = _PARITIES.get(token)
    if parity is None:
        parity = _PARITIES[token] = token_hash(token) & 1
    return parity


def read_page(path: Path, site_dir: Path) -> PageRecord | None:
    return page_record(path.read_text(encoding="utf-8"), path.relative_to(site_dir).as_posix())


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)


def text_blocks(fragment: str) -> list[str]:
    """The indexed text of an HTML fragment, one string per block; "label: value" for dt/dd."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    pieces: list[str] = []
    _walk(root, pieces)
    blocks = (_SPACES.sub(" ", block).strip() for block in "".join(pieces).split("\n"))
    return [block for block in blocks if block]


def _walk(element, pieces: list[str]) -> None:
    for child in element:
        if isinstance(child.tag, str) and not _excluded(child):
            tag = child.tag
            if (tag in BLOCK_TAGS and tag != "dd") or tag == "dt":  # a dd continues its dt's line
                pieces.append("\n")
            if tag == "br":
                pieces.append(" ")
            if child.text:
                pieces.append(child.text)
            _walk(child, pieces)
            if tag == "dt":
                pieces.append(": ")
            elif tag in BLOCK_TAGS:
                pieces.append("\n")
        if child.tail:
            pieces.append(child.tail)


def _excluded(element) -> bool:
    if element.tag in EXCLUDED_TAGS or "data-pagefind-ignore" in element.attrib or "hidden" in element.attrib:
        return True
    classes = element.get("class", "")
    return bool(classes) and any(name in classes.split() for name in EXCLUDED_CLASSES)


# --- records, cached by the page's HTML -------------------------------------------------

_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
_BUILD = os.getpid()  # the build's main process: forked render workers inherit it


class RecordStore:
    """Where the render workers leave page records for the index stage: the build cache
    (.cache/plansite/search/), or with PLANSITE_NO_CACHE=1 (or no cache folder) a folder of this
    build only, removed by the index stage. Only keys travel between processes: every
    record of a 10,000-plan site held at once would not fit the memory budget."""

    def __init__(self, cache_dir: Path | None):
        self.cached = cache_dir is not None and not cache_disabled()
        base = cache_dir if cache_dir is not None else Path(tempfile.gettempdir())
        self.folder = base / "search" if self.cached else base / f"search-cold-{_BUILD}"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def put(self, html: str, site_path: str) -> str | None:
        """The key of the page's record (made and stored unless cached), None if it is not searchable."""
        if not _BODY.search(html):
            return None
        key = hashlib.sha256(f"{_CODE_VERSION}\0{site_path}\0{html}".encode()).hexdigest()
        path = self._path(key)
        if self.cached and path.exists():
            return key
        record = page_record(html, site_path)
        data = pickle.dumps((record.path, record.date, "\0".join(record.tokens[:record.split]),
                             "\0".join(record.tokens[record.split:]), record.weights, record.excerpt),
                            protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(path, data)  # workers race; a record that cannot be written fails the build
        return key

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def _load(self, key: str) -> tuple:
        return pickle.loads(self._path(key).read_bytes())

    def get(self, key: str) -> PageRecord:
        path, date, even, odd, weights, excerpt = self._load(key)
        even, odd = _split(even), _split(odd)
        return PageRecord(path, date, even + odd, weights, excerpt, len(even))

    def half(self, key: str, half: int) -> tuple[list[str], bytes]:
        """The tokens of even (0) or odd (1) hash of a record, and their weights."""
        _, _, even, odd, weights, _ = self._load(key)
        even = _split(even)
        return (even, weights[:len(even)]) if half == 0 else (_split(odd), weights[len(even):])

    def date(self, key: str) -> str:
        return self._load(key)[1]

    def excerpt(self, key: str) -> bytes:
        return self._load(key)[5]

    def state(self) -> dict | None:
        try:
            return pickle.loads((self.folder / "state.pickle").read_bytes()) if self.cached else None
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            return None

    def save_state(self, state: dict) -> None:
        if self.cached:
            write_atomically(self.folder / "state.pickle", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))

    def finish(self) -> None:
        if not self.cached:
            shutil.rmtree(self.folder, ignore_errors=True)


def _split(joined: str) -> list[str]:
    return joined.split("\0") if joined else []


def store_record(cache_dir: Path | None, html: str, site_path: str) -> str | None:
    """Called by the render workers for every page they write (plansite/site_writer.py)."""
    return RecordStore(cache_dir).put(html, site_path)


# --- the whole site ----------------------------------------------------------------------

def index_site(site_dir: Path, searchable: int | list[str], records: dict[str, str] | None = None,
               cache_dir: Path | None = None, published: Path | None = None) -> int:
    """Index site_dir (into INDEX_DIR); returns the number of pages indexed.

    searchable: the site paths of the pages that must be indexed (or their number).
    records: site path -> record key of the pages the render workers rendered and stored
    (None: read the pages from site_dir). published: the site online now, whose index is
    patched when only some pages changed."""
    store = RecordStore(cache_dir)
    try:
        if records is None:
            records = _records_of_folder(site_dir, store)
        elif not isinstance(searchable, int):
            records = _complete(records, searchable, site_dir, store, published)
        expected = searchable if isinstance(searchable, int) else len(searchable)
        return _index(site_dir, expected, records, store, published)
    except OSError as err:
        if err.errno == errno.ENOSPC:
            from plansite.publish import disk_full
            raise disk_full(err.filename or str(site_dir / INDEX_DIR)) from err
        raise SearchIndexError(f"không ghi được chỉ mục tìm kiếm: {err}") from err
    finally:
        store.finish()


def _complete(records: dict[str, str], searchable: list[str], site_dir: Path, store: RecordStore,
              published: Path | None) -> dict[str, str]:
    """The records of the pages not rendered by this build (linked from the published site, their
    inputs unchanged): the keys the published index was made with, or read from the page."""
    missing = [path for path in searchable if path not in records]
    if not missing:
        return records
    state = store.state()
    known = {}
    if state and published is not None and state.get("file") == _identity(published / INDEX_DIR / "manifest.json"):
        known = {path: key for path, key, _ in state["pages"]}
    records = dict(records)
    for path in missing:
        key = known.get(path)
        if key is None or not store.has(key):
            key = store.put((site_dir / path).read_text(encoding="utf-8"), path)
        if key:
            records[path] = key
    return records


def _records_of_folder(site_dir: Path, store: RecordStore) -> dict[str, str]:
    paths = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                   if not p.relative_to(site_dir).as_posix().startswith(INDEX_DIR + "/"))
    jobs = [(str(site_dir), path, store) for path in paths]
    with ProcessPoolExecutor(WORKERS) if WORKERS > 1 and len(jobs) > 200 else _Inline() as pool:
        keys = list(pool.map(_store_file, jobs, chunksize=16))
    return {path: key for path, key in zip(paths, keys) if key}


def _store_file(job: tuple[str, str, RecordStore]) -> str | None:
    site_dir, path, store = job
    return store.put((Path(site_dir) / path).read_text(encoding="utf-8"), path)


class _Inline:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def map(function, items, chunksize=1):
        return map(function, items)


class _Cold(Exception):
    """The previous index cannot be patched: index every page."""


def _index(site_dir: Path, expected_pages: int, records: dict[str, str], store: RecordStore,
           published: Path | None) -> int:
    if len(records) != expected_pages:
        raise SearchIndexError(f"chỉ mục tìm kiếm có {len(records)} trang, cần {expected_pages} — kiểm tra thuộc tính "
                               "data-pagefind-body trong templates/main.html")
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    state = store.state()
    try:
        if state is None or published is None:
            raise _Cold
        order, manifest = _patch(out, records, store, state, published / INDEX_DIR)
    except _Cold:
        shutil.rmtree(out, ignore_errors=True)
        order, manifest = _write_all(out, records, store)
    (out / "manifest.json").write_text(manifest, encoding="utf-8")  # a new file: it names this index
    store.save_state({"manifest": manifest, "pages": order, "file": _identity(out / "manifest.json")})
    return len(order)


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file this is (not only what it holds): the state describes the index it wrote, and
    only that one, once published, may be patched."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_mtime_ns)


def _sort_key(path: str, date: str):
    """Pages by date, newest first (undated last), then by address: page numbers follow this order."""
    date = (date + "-00-00")[:10] if date else ""  # a year alone: after that year's dated pages
    return (date == "", tuple(-ord(c) for c in date), path)


def _shard_count(pages: int) -> int:
    return min(MAX_SHARDS, 1 << max(0, math.ceil(math.log2(max(1.0, pages * SHARDS_PER_PAGE)))))


def _manifest(pages: int) -> str:
    return json.dumps({"version": FORMAT_VERSION, "pages": pages, "shards": _shard_count(pages), "maxTf": MAX_TF,
                       "inKeys": IN_KEYS, "inTitle": IN_TITLE, "transparent": TRANSPARENT}, ensure_ascii=False)


def _write_all(out: Path, records: dict[str, str], store: RecordStore) -> tuple[list, str]:
    """Every file of the index. Records are read from the store one at a time, in page order
    (every record of a 10,000-plan site at once would not fit the memory budget)."""
    (out / "p").mkdir(parents=True)
    order = sorted(((path, key, store.date(key)) for path, key in records.items()), key=lambda p: _sort_key(p[0], p[2]))
    keys = [key for _, key, _ in order]
    global _LOADED
    _LOADED = (out, store, keys)  # inherited by the forked process, never pickled
    try:
        if WORKERS > 1 and len(keys) > 200:  # the odd shards in a second process, on the second core
            freeze_heap()
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as other:
                odd = other.submit(_write_half, (1,))
                with ThreadPoolExecutor(1) as writer:  # excerpt files written while lists are merged
                    written = writer.submit(_write_excerpts, out, store, keys)
                    _write_half((0,))
                    written.result()
                odd.result()
        else:
            _write_excerpts(out, store, keys)
            _write_half((0, 1))
    finally:
        _LOADED = None
    return order, _manifest(len(keys))


_LOADED: tuple[Path, RecordStore, list[str]] | None = None


def _write_half(halves: tuple[int, ...]) -> None:
    """Merge the records' tokens of the given halves (0: even hash, 1: odd) and write their shards."""
    out, store, keys = _LOADED
    pages = len(keys)
    postings: dict[str, array] = {}
    for page, key in enumerate(keys):
        base = page << 8  # page number and weight byte in one integer: one append per entry
        for half in halves:
            tokens, weights = store.half(key, half)
            for token, weight in zip(tokens, weights):
                try:
                    postings[token].append(base | weight)
                except KeyError:
                    postings[token] = array("I", (base | weight,))
    count = _shard_count(pages)
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for token in list(postings):
        shards[token_hash(token) % count][token] = _encode(postings.pop(token), pages)
    _write_postings(out, shards, only=None if len(halves) == 2 else {n for n in range(count) if n % 2 in halves})


def _write_excerpts(out: Path, store: RecordStore, keys: list[str]) -> None:
    for page, key in enumerate(keys):
        _write(out / "p" / f"{page}.bin", store.excerpt(key))


def _write_postings(out: Path, shards: list[dict[str, str]], only: set[int] | None = None) -> None:
    """Shard files (t/N.bin: token -> posting list, or [2, name] for a list in w/name.bin)."""
    (out / "w").mkdir(exist_ok=True)
    (out / "t").mkdir(exist_ok=True)
    for number, shard in enumerate(shards):
        if only is not None and number not in only:
            continue
        entries = []
        for token in sorted(shard):
            value = shard[token]
            if len(value) > OWN_FILE_BYTES:
                name = _own_name(token)
                _replace(out / "w" / f"{name}.bin", value)
                value = json.dumps([2, name], separators=(",", ":"))
            entries.append(f"{json.dumps(token, ensure_ascii=False)}:{value}")
        _replace(out / "t" / f"{number}.bin", "{" + ",".join(entries) + "}")


def _own_name(token: str) -> str:
    return hashlib.blake2b(token.encode("utf-8"), digest_size=8).hexdigest()


def _replace(path: Path, text: str) -> None:
    """A new file, never the published file it may be a link to."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    _write(path, text, raw=True)


# --- patching the published index after an edit ------------------------------------------

PATCH_SHARE = 0.05  # beyond 5 % of the pages changed, indexing everything is as fast


def _patch(out: Path, records: dict[str, str], store: RecordStore, state: dict, old: Path) -> tuple[list, str]:
    """Only the changed pages' excerpt files and the shards of the tokens whose weights changed are
    written; everything else is linked from the published index. Same bytes as a full index."""
    previous = {path: (number, key, date) for number, (path, key, date) in enumerate(state["pages"])}
    if (state.get("file") != _identity(old / "manifest.json") or set(previous) != set(records)
            or _read_text(old / "manifest.json") != state["manifest"]):
        raise _Cold
    changed = {path: key for path, key in records.items() if previous[path][1] != key}
    if len(changed) > PATCH_SHARE * len(records) + 1:
        raise _Cold
    new = {path: store.get(key) for path, key in changed.items()}
    order = [(path, changed.get(path, key), new[path].date if path in new else date)
             for path, key, date in state["pages"]]
    if any(new[path].date != previous[path][2] for path in new):
        raise _Cold  # the page order moves
    delta: dict[str, dict[int, int]] = {}
    for path, record in new.items():
        number = previous[path][0]
        try:
            before = store.get(previous[path][1])
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            raise _Cold from None
        weights = dict(zip(record.tokens, record.weights))
        for token, weight in zip(before.tokens, before.weights):
            now = weights.pop(token, 0)
            if now != weight:
                delta.setdefault(token, {})[number] = now
        for token, weight in weights.items():  # new on this page
            delta.setdefault(token, {})[number] = weight
    _link_tree(old, out)
    (out / "manifest.json").unlink()  # written anew by _index
    for path, record in new.items():
        _replace_bytes(out / "p" / f"{previous[path][0]}.bin", record.excerpt)
    pages = len(order)
    count = _shard_count(pages)
    touched = {token_hash(token) % count for token in delta}
    shards = [{} for _ in range(count)]
    for number in touched:
        shards[number] = _read_shard(old, number)
    for token, changes in delta.items():
        shard = shards[token_hash(token) % count]
        shard_value = shard.get(token)
        if shard_value is not None and shard_value.startswith("[2,"):
            name = json.loads(shard_value)[1]
            (out / "w" / f"{name}.bin").unlink()
            shard_value = gzip.decompress((old / "w" / f"{name}.bin").read_bytes()).decode("utf-8")
        value = _patched(shard_value, changes, pages)
        if value is None:
            shard.pop(token, None)
        else:
            shard[token] = value
    _write_postings(out, shards, only=touched)
    return order, state["manifest"]


def _patched(value: str | None, changes: dict[int, int], pages: int) -> str | None:
    weights: dict[int, int] = {}
    if value is not None:
        flat = json.loads(value)
        page = -1
        if flat[0] == 1:
            return _patched_lacking(flat, changes, pages)
        for gap, weight in zip(flat[1::2], flat[2::2]):
            page += gap
            weights[page] = weight
    for page, weight in changes.items():
        if weight:
            weights[page] = weight
        else:
            weights.pop(page, None)
    if not weights:
        return None
    ids = sorted(weights)
    if len(ids) * 2 > pages:
        raise _Cold  # becomes a list of the pages lacking it: index everything
    return _encode(array("I", [page << 8 | weights[page] for page in ids]), pages)


def _patched_lacking(flat: list[int], changes: dict[int, int], pages: int) -> str:
    """A token on most pages is stored as the pages lacking it: only presence counts."""
    lacking, page = set(), -1
    for gap in flat[1:]:
        page += gap
        lacking.add(page)
    for page, weight in changes.items():
        (lacking.discard if weight else lacking.add)(page)
    if (pages - len(lacking)) * 2 <= pages:
        raise _Cold  # a listed token keeps weights, which a list of the pages lacking it does not hold
    return _lacking_list(sorted(lacking))


def _read_shard(folder: Path, number: int) -> dict[str, str]:
    """A shard's entries as token -> posting list text, exactly as written."""
    data = json.loads(gzip.decompress((folder / "t" / f"{number}.bin").read_bytes()))
    return {token: json.dumps(value, separators=(",", ":")) for token, value in data.items()}


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copy2(Path(folder) / name, into / name)


def _replace_bytes(path: Path, data: bytes) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    _write(path, data)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _encode(packed: array, pages: int) -> str:
    """[0, gap, weight, gap, weight, ...] for the pages that have the token, or [1, gap, gap, ...]
    for the pages that lack it when it is on more than half of them (gaps between page numbers).
    packed: page << 8 | weight, by page number."""
    numbers = [value >> 8 for value in packed]
    if len(numbers) * 2 > pages:
        return _lacking_list(sorted(set(range(pages)).difference(numbers)))
    flat = [0] * (2 * len(numbers) + 1)
    flat[1::2] = map(sub, numbers, [-1, *numbers[:-1]])
    flat[2::2] = [value & 255 for value in packed]
    return "[" + ",".join(map(str, flat)) + "]"


def _lacking_list(lacking: list[int]) -> str:
    return "[" + ",".join(map(str, [1, *map(sub, lacking, [-1, *lacking[:-1]])])) + "]"


def _write(path: Path, value, raw: bool = False) -> None:
    """value: compressed bytes as they are, or JSON (raw: JSON text) to compress."""
    if isinstance(value, bytes):
        path.write_bytes(value)
        return
    path.write_bytes(_compressed(value, raw))


def _compressed(value, raw: bool = False) -> bytes:
    text = value if raw else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def indexed_page_count(site_dir: Path) -> int:
    try:
        return json.loads((site_dir / INDEX_DIR / "manifest.json").read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError) as err:
        raise SearchIndexError(f"không đọc được {INDEX_DIR}/manifest.json: {err}") from err
