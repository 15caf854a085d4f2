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
- its filters, as tokens (`#province=Quảng Ninh`).

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
"""
from __future__ import annotations

import errno
import gzip
import json
import os
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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
SHOWN_META = ("title", "label", "place", "date")
MAX_TF = 15
IN_KEYS = 16
IN_TITLE = 32
SHARD_TARGET_BYTES = 12_000  # uncompressed JSON per shard, about 4 KB over the wire
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
    for segment in segments(text):
        pieces = syllables(segment)
        folded = [f for f, _ in pieces]
        after = folded[1:]
        found += folded
        pairs += map("_".join, zip(folded, after))
        pairs += [f"{a}_{c}" for a, b, c in zip(folded, after, folded[2:]) if b == TRANSPARENT]
        exact += ["=" + word for f, word in pieces if word != f]
    return found + pairs + exact


def token_hash(token: str) -> int:
    """FNV-1a (32 bits) of the UTF-8 bytes; the browser computes the same to find a token's shard."""
    value = 0x811C9DC5
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


# --- reading one rendered page -----------------------------------------------------------

@dataclass
class PageRecord:
    url: str
    meta: dict[str, str]
    filters: list[tuple[str, str]]
    counts: dict[str, int]  # token -> weight byte
    blocks: list[str]
    keys: str


def read_page(path: Path, site_dir: Path) -> PageRecord | None:
    html = path.read_text(encoding="utf-8")
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
    counts = Counter(found)
    weights = {token: min(count, MAX_TF) for token, count in counts.items()}
    for token in set(tokens(meta.get(KEYS_FIELD, ""))):
        weights[token] = weights.get(token, 0) | IN_KEYS
    for token in set(tokens(meta.get("title", ""))):
        weights[token] = weights.get(token, 0) | IN_KEYS | IN_TITLE
    for key, value in filters:
        weights[f"#{key}={value}"] = 1
    relative = path.parent.relative_to(site_dir).as_posix()
    url = "/" if relative == "." else f"/{relative}/"
    return PageRecord(url, {key: meta[key] for key in SHOWN_META if meta.get(key)}, filters, weights, blocks,
                      meta.get(KEYS_FIELD, ""))


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


# --- the whole site ----------------------------------------------------------------------

def index_site(site_dir: Path, expected_pages: int) -> int:
    """Index site_dir in place (into INDEX_DIR); returns the number of pages indexed."""
    try:
        return _index(site_dir, expected_pages)
    except OSError as err:
        if err.errno == errno.ENOSPC:
            from plansite.publish import disk_full
            raise disk_full(err.filename or str(site_dir / INDEX_DIR)) from err
        raise SearchIndexError(f"không ghi được chỉ mục tìm kiếm: {err}") from err


def _index(site_dir: Path, expected_pages: int) -> int:
    candidates = sorted(path for path in site_dir.rglob("index.html") if not _inside_index(path, site_dir))
    ordered = _newest_first(candidates)
    out = site_dir / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    (out / "p").mkdir(parents=True)
    postings: dict[str, tuple[array, bytearray]] = {}
    count = 0
    with ProcessPoolExecutor(WORKERS) if WORKERS > 1 and len(ordered) > 200 else _Inline() as pool:
        for record in pool.map(_read_for_pool, [(str(p), str(site_dir)) for p in ordered], chunksize=16):
            if record is None:
                continue
            page = count
            count += 1
            _write(out / "p" / f"{page}.bin", {"u": record.url, "m": record.meta, "b": record.blocks, "k": record.keys})
            for token, weight in record.counts.items():
                entry = postings.get(token)
                if entry is None:
                    entry = postings[token] = (array("I"), bytearray())
                entry[0].append(page)
                entry[1].append(weight)
    if count != expected_pages:
        raise SearchIndexError(f"chỉ mục tìm kiếm có {count} trang, cần {expected_pages} — kiểm tra thuộc tính "
                               "data-pagefind-body trong templates/main.html")
    shards = _write_postings(out, postings, count)
    _write_json(out / "manifest.json", {"version": FORMAT_VERSION, "pages": count, "shards": shards,
                                        "maxTf": MAX_TF, "inKeys": IN_KEYS, "inTitle": IN_TITLE, "transparent": TRANSPARENT})
    return count


def _inside_index(path: Path, site_dir: Path) -> bool:
    return path.relative_to(site_dir).as_posix().startswith(INDEX_DIR + "/")


def _newest_first(paths: list[Path]) -> list[Path]:
    """Pages by date, newest first (undated last), then by address: page numbers follow this order."""
    def key(path: Path):
        found = _SORT_DATE.search(path.read_text(encoding="utf-8"))
        date = (found.group(1) + "-00-00")[:10] if found else ""  # a year alone: after that year's dated pages
        return (date == "", tuple(-ord(c) for c in date), path.as_posix())
    return sorted(paths, key=key)


def _read_for_pool(args: tuple[str, str]) -> PageRecord | None:
    return read_page(Path(args[0]), Path(args[1]))


class _Inline:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def map(function, items, chunksize=1):
        return map(function, items)


def _write_postings(out: Path, postings: dict[str, tuple[array, bytearray]], pages: int) -> int:
    encoded = {token: _encode(ids, weights, pages) for token, (ids, weights) in postings.items()}
    small = sum(len(value) for value in encoded.values() if len(value) <= OWN_FILE_BYTES)
    shard_count = 1
    while small / shard_count > SHARD_TARGET_BYTES:
        shard_count *= 2
    shards: list[list[str]] = [[] for _ in range(shard_count)]
    own = out / "w"
    own.mkdir()
    for token in sorted(encoded):
        value = encoded[token]
        digest = token_hash(token)
        if len(value) > OWN_FILE_BYTES:
            name = f"{digest:08x}"
            while (own / f"{name}.bin").exists():
                name += "x"
            _write(own / f"{name}.bin", value, raw=True)
            value = json.dumps([2, name])
        shards[digest % shard_count].append(f"{json.dumps(token, ensure_ascii=False)}:{value}")
    (out / "t").mkdir()
    for number, entries in enumerate(shards):
        _write(out / "t" / f"{number}.bin", "{" + ",".join(entries) + "}", raw=True)
    return shard_count


def _encode(ids: array, weights: bytearray, pages: int) -> str:
    """[0, gap, weight, gap, weight, ...] for the pages that have the token, or [1, gap, gap, ...]
    for the pages that lack it when it is on more than half of them (gaps between page numbers)."""
    if len(ids) * 2 > pages:
        present = set(ids)
        return json.dumps([1, *_gaps([page for page in range(pages) if page not in present])], separators=(",", ":"))
    flat: list[int] = [0]
    previous = -1
    for page, weight in zip(ids, weights):
        flat += (page - previous, weight)
        previous = page
    return json.dumps(flat, separators=(",", ":"))


def _gaps(numbers: list[int]) -> list[int]:
    previous = -1
    gaps = []
    for number in numbers:
        gaps.append(number - previous)
        previous = number
    return gaps


def _write(path: Path, value, raw: bool = False) -> None:
    text = value if raw else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def _write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def indexed_page_count(site_dir: Path) -> int:
    try:
        return json.loads((site_dir / INDEX_DIR / "manifest.json").read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError) as err:
        raise SearchIndexError(f"không đọc được {INDEX_DIR}/manifest.json: {err}") from err
