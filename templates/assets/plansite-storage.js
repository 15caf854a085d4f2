// Material's storage helpers, as its partials/javascripts/base.html defines them inline,
// moved to a file so the Content-Security-Policy allows no inline script. The scope is the
// site root: this file lives in <root>/assets/, at a domain root or under a project path.
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
var __md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
var __md_set = (e, _, t = localStorage, a = __md_scope) => {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {}
};
