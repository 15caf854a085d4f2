/* The results page (tim-kiem/): Pagefind's JavaScript API, our own result list.
 *
 * The index and pagefind.js are served by this site (pagefind/), nothing loads from another
 * host. Pagefind folds tone marks itself; words with đ are matched through the folded
 * metadata written at build time (plansite/search.py), and highlighted here by comparing
 * folded forms, so "dao tao" marks "đào tạo" in the excerpt.
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
  var districtSelect = form.elements.district;
  var allDistrictGroups = Array.prototype.slice.call(districtSelect.querySelectorAll("optgroup"));
  var SELECTS = ["province", "district", "year", "doc_type"];
  var PAGE_SIZE = 10;
  var FIRST_ITEMS = 3; // shown as soon as their excerpts are loaded, the rest of the page follows
  var DEBOUNCE_MS = 60;

  var pagefind = null;
  var loading = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = 0;

  // ---- Vietnamese folding, as in plansite/vietnamese.py: fold("Đào tạo") == "dao tao"
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // A word is marked when it, or one of its parts ("71/2020/NĐ-CP" -> 71, 2020, nd, cp),
  // starts with a query term, the way Pagefind matches prefixes.
  function matcher(query) {
    var terms = query.split(/\s+/).map(function (t) { return wordsOf(t).join(""); }).filter(Boolean);
    return function (word) {
      var candidates = [wordsOf(word).join("")].concat(wordsOf(word));
      return terms.some(function (term) {
        return candidates.some(function (c) { return c === term || (term.length > 1 && c.indexOf(term) === 0); });
      });
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

  function resultItem(data, isMatch) {
    var meta = data.meta || {};
    var link = element("a", "", [highlighted(meta.title || data.url, isMatch)]);
    link.href = data.url;
    var details = [meta.label, meta.place, meta.date].filter(Boolean).join(" · ");
    return element("li", "plansite-result", [
      element("h2", "plansite-result__title", [link]),
      element("p", "plansite-result__meta", [details]),
      element("p", "plansite-result__excerpt", [highlighted(data.plain_excerpt || "", isMatch)]),
    ]);
  }

  // ---- form state <-> address
  function currentFilters() {
    var filters = {};
    SELECTS.forEach(function (key) {
      if (form.elements[key].value) filters[key] = form.elements[key].value;
    });
    var levels = checkedLevels();
    if (levels.length) filters.level = { any: levels };
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
  // its pages come first (Pagefind alone ranks by words, and "uong", "bi" are common syllables).
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

  function placesIn(query) {
    var text = " " + wordsOf(query).join(" ") + " ";
    return PLACES.filter(function (place) { return text.indexOf(place.words) >= 0; });
  }

  // ---- ranking on top of Pagefind's: results are put in tiers, Pagefind's order is kept
  // within each tier.
  // 1. A place named in the query: its pages first (a filtered search per kind of place).
  // 2. A query typed with diacritics: pages matching every word with exactly those
  //    diacritics next (the same search again with Pagefind's exactDiacritics; its own bonus
  //    for exact diacritics can be outweighed by a title or a place matched loosely).
  function tiered(pf, query, filters, mine) {
    var named = placesIn(query).filter(function (place) { return !filters[place.key]; });
    var found = {};
    return pf.search(query, { filters: filters }).then(function (all) {
      found.all = all;
      return mine === generation ? exactPass(pf, query, filters) : null;
    }).then(function (exact) {
      found.exact = exact;
      return mine === generation ? Promise.all(placePasses(pf, query, filters, named)) : [];
    }).then(function (local) {
      var exactIds = idsOf([found.exact]);
      var localIds = idsOf(local);
      function tier(result) {
        return (localIds.has(result.id) ? 0 : 2) + (!found.exact || exactIds.has(result.id) ? 0 : 1);
      }
      var results = found.all.results.map(function (result, index) { return [tier(result), index, result]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .map(function (entry) { return entry[2]; });
      return { results: results, places: localIds.size ? named : [] };
    });
  }

  function exactPass(pf, query, filters) {
    if (fold(query) === query.toLowerCase()) return null;
    return pf.options({ exactDiacritics: true }).then(function () {
      return pf.search(query, { filters: filters });
    }).finally(function () {
      return pf.options({ exactDiacritics: false });
    });
  }

  function placePasses(pf, query, filters, named) {
    return ["province", "district"].filter(function (key) {
      return named.some(function (place) { return place.key === key; });
    }).map(function (key) {
      var narrowed = Object.assign({}, filters);
      narrowed[key] = { any: named.filter(function (p) { return p.key === key; }).map(function (p) { return p.value; }) };
      return pf.search(query, { filters: narrowed });
    });
  }

  function idsOf(searches) {
    var ids = new Set();
    searches.forEach(function (search) {
      if (search) search.results.forEach(function (result) { ids.add(result.id); });
    });
    return ids;
  }

  // One search at a time (the exact pass switches an option of the one Pagefind instance);
  // a search overtaken by newer typing before its turn is skipped.
  var queue = Promise.resolve();
  function inTurn(mine, task) {
    var run = queue.then(function () { return mine === generation ? task() : null; });
    queue = run.catch(function () {});
    return run;
  }

  // ---- searching
  function loadPagefind() {
    if (!loading) {
      var url = new URL(root.dataset.pagefind, document.baseURI);
      loading = import(url.href).then(function (module) {
        return module.options({
          baseUrl: new URL("../", url).pathname,
          excerptLength: 26,
          ranking: { metaWeights: JSON.parse(root.dataset.metaWeights) },
        }).then(function () { return module.init(); }).then(function () {
          pagefind = module;
          return module;
        });
      });
    }
    return loading;
  }

  function say(text) {
    statusLine.textContent = text;
  }

  function sayCount(query, count, places) {
    var forQuery = query ? " cho “" + query + "”" : "";
    var first = places.length ? " Kết quả ở " + places.map(function (p) { return p.label; }).join(", ") + " được xếp trước." : "";
    if (count === 0) {
      say("Không tìm thấy kết quả nào" + forQuery + ". Hãy thử bớt từ khóa hoặc bỏ bớt bộ lọc.");
    } else {
      say("Tìm thấy " + count.toLocaleString("vi-VN") + " kết quả" + forQuery + "." + first);
    }
  }

  function nextItems(mine, isMatch, count) {
    var slice = results.slice(shown, shown + count);
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (data) {
      if (mine !== generation) return null;
      shown += slice.length;
      return data.map(function (d) { return resultItem(d, isMatch); });
    });
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
      say("Nhập từ khóa hoặc chọn bộ lọc để tìm.");
      return Promise.resolve();
    }
    var isMatch = matcher(query);
    var places = [];
    list.setAttribute("aria-busy", "true");
    return loadPagefind().then(function (pf) {
      return inTurn(mine, function () {
        if (!query) return pf.search(null, { filters: filters, sort: { date: "desc" } });
        return tiered(pf, query, filters, mine);
      });
    }).then(function (found) {
      if (mine !== generation || !found) return null;
      results = found.results;
      places = found.places || [];
      shown = 0;
      more.hidden = true;
      return nextItems(mine, isMatch, FIRST_ITEMS);
    }).then(function (items) {
      if (!items) return null;
      list.replaceChildren.apply(list, items);
      list.dataset.query = query;
      sayCount(query, results.length, places);
      root.dispatchEvent(new CustomEvent("plansite:results", { detail: { query: query, count: results.length } }));
      return nextItems(mine, isMatch, PAGE_SIZE - FIRST_ITEMS);
    }).then(function (items) {
      if (!items) return;
      list.append.apply(list, items);
      list.setAttribute("aria-busy", "false");
      more.hidden = shown >= results.length;
    }).catch(failed);
  }

  function showMore() {
    var mine = generation;
    var before = list.children.length;
    more.disabled = true;
    nextItems(mine, matcher(input.value.trim()), PAGE_SIZE).then(function (items) {
      more.disabled = false;
      if (!items) return;
      list.append.apply(list, items);
      more.hidden = shown >= results.length;
      var first = list.children[before] && list.children[before].querySelector("a");
      if (first) first.focus();
    }).catch(failed);
  }

  function failed(error) {
    list.setAttribute("aria-busy", "false");
    say("Không tải được bộ tìm kiếm (" + error.message + "). Hãy tải lại trang, hoặc tra cứu theo danh sách địa phương.");
  }

  function soon() {
    clearTimeout(timer);
    if (pagefind && input.value.trim()) pagefind.preload(input.value.trim());
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
  loadPagefind().then(search, failed);
  input.focus();
})();
