/* The results page (tim-kiem/): searches the site's own index (plansite/search_index.py).
 *
 * Everything is served by this site (tim-kiem/chi-muc/), nothing loads from another host.
 * A query is cut into folded syllables ("Đào tạo" -> dao, tao) and pairs of neighbours
 * (dao_tao), as the index was. Pages holding every pair (the phrase) are looked up first:
 * pairs are rare where syllables are common, so their lists are short. Only when fewer than
 * a page of results hold the phrase are the syllables' lists fetched, for pages where the
 * words are scattered (ranked below), or, when no page has them all, partial matches
 * (marked). A word found on no page gives no results and suggestions, never near misses.
 * Ranking, in order: pages of a place named in the query, and pages whose keys hold the
 * whole query (a signer named like a place: "nguyen duc son" is not huyện Đức Sơn); when the
 * query is just a place name, the pages of every place so named (namesakes in several
 * provinces), then their plans; every word spelled with the
 * query's diacritics; the title holding every pair; the whole phrase; more pairs of it;
 * then a BM25-like score in which a word of the page's keys (number, title, place, signer)
 * weighs most. Among the first page, pages whose title, then text, holds the syllables in
 * a row come first (pairs may be apart on a page).
 * The state is kept in the address (?q=...&province=...), so a search can be shared or reloaded.
 * When the first results are on screen the list's data-query names their query and the root
 * element fires "plansite:results"; aria-busy="false" once the page of results is complete.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-plansite-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = form.elements.q;
  var statusLine = root.querySelector(".plansite-search__status");
  var list = root.querySelector(".plansite-results");
  var more = root.querySelector(".plansite-search__more");
  var suggestions = root.querySelector(".plansite-search__suggest");
  var districtSelect = form.elements.district;
  var allDistrictGroups = Array.prototype.slice.call(districtSelect.querySelectorAll("optgroup"));
  var SELECTS = ["province", "district", "year", "doc_type"];
  var PAGE_SIZE = 10;
  var FIRST_ITEMS = 3; // shown as soon as their texts are loaded, the rest of the page follows
  var DEBOUNCE_MS = 10; // the index files are fetched on the first key already (prefetch)
  var EXCERPT_WORDS = 30;
  var indexUrl = new URL(root.dataset.index, document.baseURI);

  var manifest = null;
  var loading = null;
  var results = [];
  var found = null;
  var shown = 0;
  var generation = 0;
  var timer = 0;

  // ---- Vietnamese folding and tokens, as in plansite/search_index.py
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function syllables(text) {
    var exact = text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return exact.map(function (word) { return { folded: fold(word), exact: word }; });
  }

  // Where a phrase cannot continue, as search_index.segments: "xâm hại, phòng" holds no "hai phong".
  var BREAK = /[,;.:!?…]+(?=\s|$)|[()[\]“”"«»]/u;

  function segments(text) {
    return text.split(BREAK).filter(function (s) { return /\S/.test(s); });
  }

  function parse(query) {
    var pieces = syllables(query);
    var syl = unique(pieces.map(function (p) { return p.folded; }));
    var pairs = [];
    segments(query).forEach(function (segment) {
      var words = syllables(segment);
      for (var i = 0; i + 1 < words.length; i++) pairs.push(words[i].folded + "_" + words[i + 1].folded);
    });
    var exact = pieces.filter(function (p) { return p.exact !== p.folded; }).map(function (p) { return "=" + p.exact; });
    return { text: query, seq: pieces.map(function (p) { return p.folded; }), syl: syl, pairs: unique(pairs), exact: unique(exact) };
  }

  function unique(items) {
    return items.filter(function (item, index) { return items.indexOf(item) === index; });
  }

  function tokenHash(token) { // FNV-1a over UTF-8, as search_index.token_hash
    var hash = 0x811c9dc5;
    new TextEncoder().encode(token).forEach(function (byte) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    });
    return hash >>> 0;
  }

  // ---- the index files: gzip-compressed JSON, each fetched once
  var files = new Map();
  function load(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, indexUrl)).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
      }));
    }
    return files.get(path);
  }

  function loadManifest() {
    if (!loading) {
      loading = fetch(new URL("manifest.json", indexUrl)).then(function (response) {
        if (!response.ok) throw new Error("manifest.json: " + response.status);
        return response.json();
      }).then(function (data) { manifest = data; return data; });
    }
    return loading;
  }

  // A token's pages as a weight per page number (0: absent), or null when no page has it.
  var postings = new Map();
  function posting(token) {
    if (!postings.has(token)) {
      postings.set(token, load("t/" + (tokenHash(token) % manifest.shards) + ".bin").then(function (shard) {
        var entry = shard[token];
        if (!entry) return null;
        return entry[0] === 2 ? load("w/" + entry[1] + ".bin").then(decode) : decode(entry);
      }));
    }
    return postings.get(token);
  }

  function decode(entry) {
    var weights = new Uint8Array(manifest.pages);
    var page = -1;
    var count = 0;
    if (entry[0] === 1) { // the pages that lack the token
      weights.fill(1);
      for (var i = 1; i < entry.length; i++) { page += entry[i]; weights[page] = 0; }
      count = manifest.pages - (entry.length - 1);
    } else {
      for (var j = 1; j < entry.length; j += 2) { page += entry[j]; weights[page] = entry[j + 1]; }
      count = (entry.length - 1) / 2;
    }
    var idf = Math.log(1 + (manifest.pages - count + 0.5) / (count + 0.5));
    return { weights: weights, count: count, idf: idf, listed: entry[0] === 0 };
  }

  function postingsOf(tokens) {
    return Promise.all(tokens.map(posting));
  }

  // ---- form state <-> address
  function currentFilters() {
    var filters = {};
    SELECTS.forEach(function (key) {
      if (form.elements[key].value) filters[key] = [form.elements[key].value];
    });
    var levels = checkedLevels();
    if (levels.length) filters.level = levels;
    return filters;
  }

  function checkedLevels() {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="level"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function syncAddress() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim()) params.append(key, value);
    });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    var headerBox = document.getElementById("plansite-search-box-q");
    if (headerBox) headerBox.value = input.value;
  }

  function restoreFromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    SELECTS.forEach(function (key) { form.elements[key].value = params.get(key) || ""; });
    var levels = params.getAll("level");
    form.querySelectorAll('input[name="level"]').forEach(function (box) { box.checked = levels.indexOf(box.value) >= 0; });
    limitDistricts();
    form.elements.district.value = params.get("district") || "";
  }

  // Only the chosen province's districts are offered.
  function limitDistricts() {
    var province = form.elements.province.value;
    var chosen = districtSelect.value;
    var keep = allDistrictGroups.filter(function (group) { return !province || group.label === province; });
    districtSelect.replaceChildren(districtSelect.options[0]);
    keep.forEach(function (group) { districtSelect.append(group); });
    districtSelect.value = chosen;
    if (districtSelect.value !== chosen) districtSelect.value = "";
  }

  // ---- places named in the query: "ke hoach giao duc uong bi" names Thành phố Uông Bí, so
  // its pages come first ("uong", "bi" alone are common syllables).
  var UNIT_WORD = /^(thành phố|thị xã|quận|huyện|tỉnh)\s+/i;
  var PLACES = placeNames();

  function placeNames() {
    var places = [];
    ["province", "district"].forEach(function (key) {
      var options = key === "district" ? allDistrictGroups.map(function (g) { return Array.prototype.slice.call(g.children); })
        .reduce(function (all, some) { return all.concat(some); }, []) : Array.prototype.slice.call(form.elements[key].options, 1);
      options.forEach(function (option) {
        places.push({ key: key, value: option.value, label: option.textContent,
                      words: " " + wordsOf(option.textContent.replace(UNIT_WORD, "")).join(" ") + " " });
      });
    });
    return places;
  }

  function placesIn(query, filters) {
    var text = " " + wordsOf(query).join(" ") + " ";
    return PLACES.filter(function (place) { return !filters[place.key] && text.indexOf(place.words) >= 0; });
  }

  // The places the query names and nothing else ("my hoa", "huyện Mỹ Hòa"): their own pages first.
  function placesNamedWhole(query, named) {
    var text = " " + wordsOf(query.replace(UNIT_WORD, "")).join(" ") + " ";
    return named.filter(function (place) { return place.words === text; });
  }

  // ---- sets of pages: a Uint8Array with 1 for every page kept
  function filterMask(filters) {
    var keys = Object.keys(filters);
    if (!keys.length) return Promise.resolve(null);
    return Promise.all(keys.map(function (key) {
      return postingsOf(filters[key].map(function (value) { return "#" + key + "=" + value; })).then(anyOf);
    })).then(function (masks) { return masks.reduce(both); });
  }

  function anyOf(found) {
    var mask = new Uint8Array(manifest.pages);
    found.forEach(function (p) {
      if (p) for (var i = 0; i < mask.length; i++) if (p.weights[i]) mask[i] = 1;
    });
    return mask;
  }

  function both(a, b) {
    for (var i = 0; i < a.length; i++) a[i] = a[i] && b[i];
    return a;
  }

  function pagesWhere(test) {
    var pages = [];
    for (var i = 0; i < manifest.pages; i++) if (test(i)) pages.push(i);
    return pages;
  }

  function inAll(found, mask) {
    return function (page) {
      if (mask && !mask[page]) return false;
      for (var i = 0; i < found.length; i++) if (!found[i].weights[page]) return false;
      return true;
    };
  }

  // ---- searching
  function find(query, filters) {
    var q = parse(query);
    var named = placesIn(query, filters);
    var context = { q: q, places: named };
    var whole = placesNamedWhole(query, named);
    return Promise.all([filterMask(filters), named.length ? placeMask(named) : null,
                        whole.length ? ownPageMask(whole) : null]).then(function (masks) {
      context.mask = masks[0];
      context.placeMask = masks[1];
      context.ownMask = masks[2];
      if (!q.syl.length) return { pages: pagesWhere(function (page) { return !context.mask || context.mask[page]; }), complete: true, context: context };
      return phraseFirst(context);
    });
  }

  function placeMask(named) {
    return postingsOf(named.map(function (place) { return "#" + place.key + "=" + place.value; })).then(anyOf);
  }

  // The places' own pages: their filter token is flagged as in the title there (search_index.py).
  function ownPageMask(places) {
    return postingsOf(places.map(function (place) { return "#" + place.key + "=" + place.value; })).then(function (found) {
      var mask = new Uint8Array(manifest.pages);
      found.forEach(function (p) {
        if (p && p.listed) for (var i = 0; i < mask.length; i++) if (p.weights[i] & manifest.inTitle) mask[i] = 1;
      });
      return mask;
    });
  }

  function phraseFirst(context) {
    var q = context.q;
    if (!q.pairs.length) return everyWord(context);
    return postingsOf(q.pairs.concat(q.exact)).then(function (found) {
      context.pairs = found.slice(0, q.pairs.length);
      context.exact = found.slice(q.pairs.length);
      if (context.pairs.some(function (p) { return !p; })) return everyWord(context);
      var phrase = pagesWhere(inAll(context.pairs, context.mask));
      if (phrase.length < PAGE_SIZE) return everyWord(context);
      return { pages: ranked(phrase, context), complete: false, phrase: true, context: context };
    });
  }

  function everyWord(context) {
    var q = context.q;
    return postingsOf(q.syl.concat(q.pairs, q.exact)).then(function (found) {
      context.words = found.slice(0, q.syl.length);
      context.pairs = found.slice(q.syl.length, q.syl.length + q.pairs.length);
      context.exact = found.slice(q.syl.length + q.pairs.length);
      var unknown = q.syl.filter(function (word, i) { return !context.words[i]; });
      if (unknown.length) return { pages: [], complete: true, unknown: unknown, context: context };
      var all = pagesWhere(inAll(context.words, context.mask));
      if (all.length) return { pages: ranked(all, context), complete: true, context: context };
      var some = pagesWhere(function (page) {
        return (!context.mask || context.mask[page]) && context.words.some(function (p) { return p.weights[page]; });
      });
      return { pages: ranked(some, context), complete: true, partial: true, context: context };
    });
  }

  function ranked(pages, context) {
    var pairs = (context.pairs || []).filter(Boolean);
    var exact = context.exact || [];
    var words = context.words || [];
    var wantExact = exact.length > 0;
    // The title holds every pair (or, for one word, the word): "xuan tho" -> Huyện Xuân Thọ's page.
    var titled = context.q.pairs.length ? context.pairs || [] : words;
    var keyed = titled; // the keys hold the whole query: every pair (or, for one word, the word)
    var ranks = pages.map(function (page) {
      var pairHits = 0;
      var score = 0;
      pairs.forEach(function (p) {
        if (p.weights[page]) { pairHits++; score += 2 * p.idf * strength(p, p.weights[page]); }
      });
      var wordHits = 0;
      words.forEach(function (p) {
        if (p && p.weights[page]) { wordHits++; score += p.idf * strength(p, p.weights[page]); }
      });
      var exactAll = wantExact && exact.every(function (p) { return p && p.weights[page]; }) ? 1 : 0;
      // A place named in the query ranks its pages first, but not above a page whose keys hold
      // the whole query (a signer "Nguyễn Đức Sơn" and huyện Đức Sơn).
      var inPlace = context.placeMask && (context.placeMask[page] ||
        keyed.length && keyed.every(function (p) { return p && p.weights[page] & manifest.inKeys; })) ? 1 : 0;
      var own = context.ownMask && context.ownMask[page] ? 1 : 0;
      var whole = pairs.length === context.q.pairs.length && pairHits === pairs.length ? 1 : 0;
      var named = titled.length && titled.every(function (p) { return p && p.weights[page] & manifest.inTitle; }) ? 1 : 0;
      return [page, inPlace, own, wordHits, exactAll, named, whole, pairHits, score];
    });
    ranks.sort(function (a, b) {
      for (var i = 1; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
      return a[0] - b[0]; // newest first
    });
    return ranks.map(function (entry) { return entry[0]; });
  }

  function strength(p, weight) {
    if (!p.listed) return 0.2; // on most pages: no counts kept
    var tf = weight & manifest.maxTf;
    return tf / (tf + 1.2) + (weight & manifest.inKeys ? 2 : 0);
  }

  // ---- result entries
  function pageData(page) {
    return load("p/" + page + ".bin");
  }

  // A page's blocks folded, from its whole text folded once (folding keeps the spaces, so
  // words split on spaces line up with the original's).
  function foldedBlocks(data) {
    if (!data.folded) data.folded = flatText(data).split("\n");
    return data.folded;
  }

  function syllablesOfWord(foldedWord) {
    return foldedWord.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The excerpt: the window of words with most of the query's syllables and pairs. A first
  // guess per block from substrings is cheap; only the EXCERPT_BLOCKS best guesses are read
  // word by word (a plan has hundreds of blocks, and common syllables are in most of them).
  var EXCERPT_BLOCKS = 6;

  function excerpt(data, q) {
    var blocks = data.b || [];
    var foldedList = foldedBlocks(data);
    var wanted = new Map(q.syl.map(function (s, i) { return [s, i]; }));
    var pairs = new Set(q.pairs);
    var pairTexts = q.pairs.map(function (p) { return p.replace("_", " "); });
    var skipSo = q.seq.indexOf(manifest.transparent) < 0;
    var guesses = [];
    foldedList.forEach(function (folded, b) {
      var guess = 0;
      q.syl.forEach(function (s) { if (folded.indexOf(s) >= 0) guess += 1; });
      if (!guess) return;
      pairTexts.forEach(function (p) { if (folded.indexOf(p) >= 0) guess += 3; });
      guesses.push([guess, b]);
    });
    guesses.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
    var best = { score: 0, block: 0, start: 0 };
    var seen = q.syl.map(function () { return -1; });
    var stamp = 0;
    guesses.slice(0, EXCERPT_BLOCKS).forEach(function (guess) {
      var b = guess[1];
      var seq = [];
      foldedList[b].split(/\s+/).forEach(function (word, w) {
        syllablesOfWord(word).forEach(function (s) { if (!skipSo || s !== manifest.transparent) seq.push([s, w]); });
      });
      for (var i = 0; i < seq.length; i++) {
        if (!wanted.has(seq[i][0])) continue;
        var score = 0;
        stamp++;
        for (var j = i; j < seq.length && seq[j][1] < seq[i][1] + EXCERPT_WORDS - 6; j++) {
          var k = wanted.get(seq[j][0]);
          if (k !== undefined && seen[k] !== stamp) { seen[k] = stamp; score += 1; }
          if (j + 1 < seq.length && pairs.has(seq[j][0] + "_" + seq[j + 1][0])) score += 3;
        }
        if (score > best.score || (score === best.score && score > 0 && b < best.block)) {
          best = { score: score, block: b, start: seq[i][1] };
        }
      }
    });
    var words = (blocks[best.block] || "").split(/\s+/);
    var from = Math.max(0, best.start - 6);
    var to = Math.min(words.length, from + EXCERPT_WORDS);
    return (from > 0 ? "… " : "") + words.slice(from, to).join(" ") + (to < words.length ? " …" : "");
  }

  // Whether a folded text holds the query's syllables in a row ("nghi dinh so 71" holds "nghi dinh 71"):
  // one regular expression per query, run over a page's whole text at once (a page is read
  // once, not block by block). Between two syllables: anything but a letter, a digit, a line
  // break (between blocks), a bracket or quote, or , ; . : ! ? before a space (search_index.segments).
  var SEPARATOR = "(?:[^\\p{L}\\p{N}\\n,;.:!?…()\\[\\]“”\"«»]|[,;.:!?…](?!\\s|$))+";
  var phrasePatterns = new Map();

  function phrasePattern(q) {
    var key = q.seq.join(" ");
    if (!phrasePatterns.has(key)) {
      var skipSo = q.seq.indexOf(manifest.transparent) < 0;
      var between = SEPARATOR + (skipSo ? "(?:" + manifest.transparent + SEPARATOR + ")?" : "");
      var words = q.seq.map(function (word) { return word.replace(/[^\p{L}\p{N}]/gu, ""); });
      phrasePatterns.set(key, new RegExp("(?<![\\p{L}\\p{N}])" + words.join(between) + "(?![\\p{L}\\p{N}])", "u"));
    }
    return phrasePatterns.get(key);
  }

  function holds(folded, q) {
    return folded.indexOf(q.seq[0]) >= 0 && phrasePattern(q).test(folded);
  }

  function flatText(data) {
    if (data.flat === undefined) data.flat = fold((data.b || []).join("\n"));
    return data.flat;
  }

  // Below 1000: the title or label holds the phrase, the shorter the title the better
  // ("Huyện Xuân Thọ" before a plan titled "… huyện Xuân Thọ giai đoạn 2021-2025");
  // 1000: the text or keys hold it; 2000: its pairs are apart.
  function phraseRank(data, q, page) {
    var meta = data.m || {};
    var titles = [meta.title, meta.label].filter(Boolean).map(fold).filter(function (t) { return holds(t, q); });
    if (titles.length) {
      return Math.min.apply(null, titles.map(function (t) { return Math.min(999, syllablesOfWord(t).length - q.seq.length); }));
    }
    var pairs = found && found.context.pairs;
    if (q.seq.length === 2 && pairs && pairs.length === 1 && page !== undefined) {
      return pairs[0] && pairs[0].weights[page] ? 1000 : 2000; // one pair: the index knows, no text to read
    }
    if (pairs && page !== undefined && pairs.some(function (p) { return !p || !p.weights[page]; })) {
      return 2000; // a pair of the phrase is nowhere on the page
    }
    var texts = [flatText(data)].concat([meta.place, data.k].filter(Boolean).map(fold));
    return texts.some(function (t) { return holds(t, q); }) ? 1000 : 2000;
  }

  function hasPhrase(data, q) {
    return phraseRank(data, q, data.page) < 2000;
  }

  // Pairs found apart on a page ("sức khỏe học sinh" ... "tâm lý học đường") are not the
  // phrase: among the first page of results, the pages whose title, then text, holds it
  // come first (the place page itself first for "xuan tho", the resolution's for "nghi quyet 29").
  function phraseChecked(mine) {
    var q = found.context.q;
    if (q.seq.length < 2 || found.partial || !results.length) return Promise.resolve(true);
    var first = results.slice(0, PAGE_SIZE);
    return Promise.all(first.map(pageData)).then(function (data) {
      if (mine !== generation) return false;
      var ranks = data.map(function (d, i) { return phraseRank(d, q, first[i]); });
      var order = first.map(function (page, i) { return i; }).sort(function (a, b) { return ranks[a] - ranks[b] || a - b; });
      results = order.map(function (i) { return first[i]; }).concat(results.slice(PAGE_SIZE));
      return true;
    });
  }

  // A word is marked when one of its parts ("71/2020/NĐ-CP" -> 71, 2020, nd, cp) is a word
  // of the query: whole words only, no prefixes.
  function matcher(q) {
    var wanted = new Set(q.syl);
    return function (word) {
      return wordsOf(word).some(function (part) { return wanted.has(part); });
    };
  }

  function highlighted(text, isMatch) {
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (piece) {
      if (piece && /\S/.test(piece) && isMatch(piece)) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.append(mark);
      } else {
        fragment.append(piece);
      }
    });
    return fragment;
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    node.className = className;
    node.append.apply(node, children);
    return node;
  }

  function resultItem(data, q, partialOf) {
    var meta = data.m || {};
    var isMatch = matcher(q);
    var link = element("a", "", [highlighted(meta.title || data.u, isMatch)]);
    link.href = new URL(data.u.replace(/^\//, ""), new URL("../../", indexUrl)).href;
    var details = [meta.label, meta.place, meta.date].filter(Boolean).join(" · ");
    var children = [element("h2", "plansite-result__title", [link]), element("p", "plansite-result__meta", [details])];
    if (!partialOf && q.seq.length > 1 && !hasPhrase(data, q)) {
      children.push(element("p", "plansite-result__partial", ["Có đủ các từ nhưng không liền nhau"]));
    }
    if (partialOf) {
      var missing = q.syl.filter(function (word, i) { return !partialOf.words[i].weights[data.page]; });
      children.push(element("p", "plansite-result__partial", ["Khớp một phần: không có “" + missing.join(" ") + "”"]));
    }
    children.push(element("p", "plansite-result__excerpt", [highlighted(q.syl.length ? excerpt(data, q) : "", isMatch)]));
    return element("li", "plansite-result", children);
  }

  function nextItems(mine, count) {
    var slice = results.slice(shown, shown + count);
    var q = found.context.q;
    return Promise.all(slice.map(pageData)).then(function (data) {
      if (mine !== generation) return null;
      shown += slice.length;
      return data.map(function (d, i) {
        d.page = slice[i];
        return resultItem(d, q, found.partial ? found.context : null);
      });
    });
  }

  // ---- the status line and suggestions
  function say(text) {
    statusLine.textContent = text;
  }

  function sayFound(query) {
    var forQuery = query ? " cho “" + query + "”" : "";
    var count = results.length;
    suggestions.replaceChildren();
    suggestions.hidden = true;
    if (found.unknown) {
      say("Không tìm thấy kết quả nào" + forQuery + ": không trang nào có từ “" + found.unknown.join("”, “") + "”.");
      suggest(query, found.unknown);
    } else if (count === 0) {
      say("Không tìm thấy kết quả nào" + forQuery + ". Hãy thử bớt từ khóa hoặc bỏ bớt bộ lọc.");
      suggest(query, []);
    } else if (found.partial) {
      say("Không trang nào có đủ các từ" + forQuery + ". Tìm thấy " + count.toLocaleString("vi-VN") +
          " kết quả khớp một phần.");
    } else {
      var places = found.context.places;
      var first = places.length && found.context.placeMask && results.some(function (p) { return found.context.placeMask[p]; })
        ? " Kết quả ở " + places.map(function (p) { return p.label; }).join(", ") + " được xếp trước." : "";
      var phrase = found.phrase ? " có đúng cụm từ" : "";
      say("Tìm thấy " + count.toLocaleString("vi-VN") + " kết quả" + phrase + forQuery + "." + first);
    }
  }

  function suggest(query, unknown) {
    var rest = unknown.length ? wordsOfQueryWithout(query, unknown) : "";
    var parts = ["Gợi ý: kiểm tra lại chính tả, "];
    if (rest) parts.push(link("tìm “" + rest + "”", "?q=" + encodeURIComponent(rest)), ", ");
    parts.push("hoặc ", link("tra cứu theo địa phương", new URL("../dia-phuong/", location.href.split("?")[0]).href), ".");
    suggestions.replaceChildren.apply(suggestions, parts);
    suggestions.hidden = false;
  }

  function link(text, href) {
    var a = document.createElement("a");
    a.textContent = text;
    a.href = href;
    return a;
  }

  function wordsOfQueryWithout(query, unknown) {
    return query.split(/\s+/).filter(function (word) {
      return !wordsOf(word).some(function (part) { return unknown.indexOf(part) >= 0; });
    }).join(" ");
  }

  function search() {
    clearTimeout(timer);
    var mine = ++generation;
    var query = input.value.trim();
    var filters = currentFilters();
    syncAddress();
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      list.dataset.query = "";
      list.setAttribute("aria-busy", "false");
      more.hidden = true;
      suggestions.hidden = true;
      say("Nhập từ khóa hoặc chọn bộ lọc để tìm.");
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    return loadManifest().then(function () {
      return find(query, filters);
    }).then(function (answer) {
      if (mine !== generation) return null;
      performance.mark("plansite:ranked"); // stages of a query, for benchmarks/search_latency.py
      found = answer;
      results = answer.pages;
      shown = 0;
      more.hidden = true;
      return phraseChecked(mine);
    }).then(function (current) {
      if (!current) return null;
      performance.mark("plansite:checked");
      return nextItems(mine, FIRST_ITEMS);
    }).then(function (items) {
      if (!items) return null;
      list.replaceChildren.apply(list, items);
      list.dataset.query = query;
      sayFound(query);
      root.dispatchEvent(new CustomEvent("plansite:results", { detail: { query: query, count: results.length } }));
      return nextItems(mine, PAGE_SIZE - FIRST_ITEMS);
    }).then(function (items) {
      if (!items) return;
      list.append.apply(list, items);
      list.setAttribute("aria-busy", "false");
      more.hidden = shown >= results.length && found.complete;
    }).catch(failed);
  }

  // After the pages holding the whole phrase: the pages where its words are scattered.
  function widen(mine) {
    if (found.complete) return Promise.resolve();
    var context = found.context;
    return everyWord(context).then(function (wider) {
      if (mine !== generation) return;
      var seen = new Set(results);
      results = results.concat(wider.pages.filter(function (page) { return !seen.has(page); }));
      found = Object.assign({}, wider, { phrase: false, complete: true });
      sayFound(input.value.trim());
    });
  }

  function showMore() {
    var mine = generation;
    var before = list.children.length;
    more.disabled = true;
    (shown >= results.length ? widen(mine) : Promise.resolve()).then(function () {
      return nextItems(mine, PAGE_SIZE);
    }).then(function (items) {
      more.disabled = false;
      if (!items) return;
      list.append.apply(list, items);
      more.hidden = shown >= results.length && found.complete;
      var first = list.children[before] && list.children[before].querySelector("a");
      if (first) first.focus();
    }).catch(failed);
  }

  function failed(error) {
    list.setAttribute("aria-busy", "false");
    say("Không tải được bộ tìm kiếm (" + error.message + "). Hãy tải lại trang, hoặc tra cứu theo danh sách địa phương.");
  }

  // While typing: fetch what the query so far needs, so the last key finds it loaded.
  function prefetch(query) {
    if (!manifest || !query) return;
    var q = parse(query);
    postingsOf(q.pairs.concat(q.exact)).catch(function () {});
  }

  function soon() {
    clearTimeout(timer);
    prefetch(input.value.trim());
    timer = setTimeout(search, DEBOUNCE_MS);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", soon);
  form.addEventListener("change", function (event) {
    if (event.target === input) return;
    if (event.target === form.elements.province) limitDistricts();
    search();
  });
  root.querySelector(".plansite-search__reset").addEventListener("click", function () {
    SELECTS.forEach(function (key) { form.elements[key].value = ""; });
    form.querySelectorAll('input[name="level"]').forEach(function (box) { box.checked = false; });
    limitDistricts();
    search();
  });
  more.addEventListener("click", showMore);

  root.hidden = false;
  restoreFromAddress();
  // Filters start open on wide screens, or when the address already sets one.
  form.querySelector("details").open = matchMedia("(min-width: 60em)").matches || Object.keys(currentFilters()).length > 0;
  say(input.value.trim() ? "Đang tìm…" : "Đang tải bộ tìm kiếm…");
  loadManifest().then(search, failed);
  input.focus();
})();
