/* broadsheet search: reads the index the build wrote under search/ (docs/search.md).
   No dependencies. Progressive: without this script the page is a plain form and a
   list of topics and archives. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-manifest]");
  if (!form || !window.fetch || !window.DecompressionStream || !window.TextDecoder) return;
  var manifestUrl = form.getAttribute("data-search-manifest");
  /* An edition's search page finds that edition's stories only. */
  var edition = form.getAttribute("data-search-edition");
  var dir = manifestUrl.replace(/i\/[^\/]*$/, "");
  var input = form.querySelector("[name=q]");
  var sort = form.querySelector("[name=sort]");
  var facetBox = document.getElementById("search-facets");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var PAGE = 20;
  var files = {};
  var M, STOP, LATIN, shown = 0, hits = [], run = 0, timer;
  var msg = function (name, fallback) {
    return form.getAttribute("data-msg-" + name) || fallback;
  };

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(dir + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
      });
    }
    return files[name];
  }
  function json(name) {
    return get(name).then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }

  /* Folding and word splitting: src/text (for_each_word, Fold::Loose), line for line. */
  var ARABIC = { "ي": "ی", "ى": "ی", "ې": "ی", "ك": "ک", "ه": "ہ", "ھ": "ہ", "ة": "ہ",
    "ۃ": "ہ", "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا", "ؤ": "و" };
  var DROPPED = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u0300-\u036f]/;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}\u200c\u200d]/u;
  var THAI_MARK = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;
  function unspaced(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xf900 && n <= 0xfaff) ||
      (n >= 0x20000 && n <= 0x2ffff) || (n >= 0x0e00 && n <= 0x0eff) ||
      (n >= 0x1000 && n <= 0x109f) || (n >= 0x1780 && n <= 0x17ff);
  }
  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0x660 && n <= 0x669) return String(n - 0x660);
    if (n >= 0x6f0 && n <= 0x6f9) return String(n - 0x6f0);
    if (DROPPED.test(c)) return "";
    if (n < 128) return c.toLowerCase();
    if (ARABIC[c]) return ARABIC[c];
    if (n >= 0xc0 && n <= 0x24f) return LATIN[0][n - 0xc0];
    if (n >= 0x1e00 && n <= 0x1eff) return LATIN[1][n - 0x1e00];
    return c.toLowerCase();
  }
  function words(text) {
    var out = [], w = "", prev = null, len = 0;
    var chars = Array.from(text);
    chars.push(" ");
    function flush() { if (w) { out.push(w); w = ""; } }
    chars.forEach(function (c) {
      if (unspaced(c)) {
        if (THAI_MARK.test(c)) return;
        flush();
        if (prev !== null) out.push(prev + c);
        prev = c; len++;
        return;
      }
      if (prev !== null && len === 1) out.push(prev);
      prev = null; len = 0;
      if (WORD.test(c)) w += fold(c); else flush();
    });
    return out;
  }

  /* Word shards. */
  function decode(buffer) {
    var b = new Uint8Array(buffer), i = 0, td = new TextDecoder(), map = new Map();
    function varint() {
      var v = 0, s = 1, x;
      do { x = b[i++]; v += (x & 127) * s; s *= 128; } while (x & 128);
      return v;
    }
    while (i < b.length) {
      var l = varint(), word = td.decode(b.subarray(i, i + l));
      i += l;
      var n = varint(), docs = new Uint32Array(n), weights = new Uint8Array(n), d = 0;
      for (var k = 0; k < n; k++) { d += varint(); docs[k] = d; weights[k] = b[i++]; }
      map.set(word, [docs, weights]);
    }
    return map;
  }
  var decoded = {};
  function wordFile(name) {
    if (!decoded[name]) decoded[name] = get(name).then(decode);
    return decoded[name];
  }
  /* The recent tier's file of a word (documents from M.settled on), by its first
     character: src/search/encode.rs, `group`. */
  function recentFile(word) {
    if (!M.r || !M.r.length) return null;
    return M.r[word.codePointAt(0) % M.r.length];
  }
  function concat(a, b) {
    var c = new a.constructor(a.length + b.length);
    c.set(a);
    c.set(b, a.length);
    return c;
  }
  /* The shard of a word is that of its longest prefix (up to three characters)
     that names one; a word begun by `word` may also be in a shard below it. */
  function shardKeys(word, prefix) {
    var c = Array.from(word);
    for (var n = Math.min(3, c.length); n >= 1; n--) {
      var key = c.slice(0, n).join("");
      if (!M.w[key]) continue;
      if (prefix && n === c.length && n < 3) {
        var below = Object.keys(M.w).filter(function (k) { return k !== key && k.indexOf(key) === 0; });
        if (below.length <= 8) return [key].concat(below);
      }
      return [key];
    }
    return [];
  }
  /* Scores of the documents holding `word` (or, for the last word typed, any word it
     begins): idf × (1 + ln(1 + count)), × 3 in the title, × 1.5 in the lead. */
  function lookup(word, prefix) {
    var names = shardKeys(word, prefix).map(function (k) { return M.w[k]; });
    var recent = recentFile(word);
    if (recent) names.push(recent);
    return Promise.all(names.map(wordFile)).then(function (maps) {
      /* A word's documents: the settled ones from its shard, then the recent ones. */
      var found = new Map();
      maps.forEach(function (map) {
        map.forEach(function (entry, w) {
          if (w !== word && !(prefix && w.indexOf(word) === 0)) return;
          var had = found.get(w);
          found.set(w, had ? [concat(had[0], entry[0]), concat(had[1], entry[1])] : entry);
        });
      });
      var scores = new Map();
      found.forEach(function (entry, w) {
        var docs = entry[0], weights = entry[1];
        var idf = Math.log(1 + M.n / docs.length) * (w === word ? 1 : 0.8);
        for (var k = 0; k < docs.length; k++) {
          var x = weights[k];
          var s = idf * (1 + Math.log(1 + (x & 63))) * (x & 128 ? 3 : 1) * (x & 64 ? 1.5 : 1);
          var old = scores.get(docs[k]);
          if (!old || old < s) scores.set(docs[k], s);
        }
      });
      return scores;
    });
  }
  /* The documents of a facet's value: the settled ones, then the recent ones. */
  function facet(kind, value) {
    var parts = [json(M.f[kind].file)];
    if (M.rf) parts.push(json(M.rf).then(function (r) { return r[kind] || {}; }));
    return Promise.all(parts).then(function (parts) {
      var set = new Set();
      parts.forEach(function (values) {
        var d = 0;
        (values[value] || []).forEach(function (gap) { d += gap; set.add(d); });
      });
      return set;
    });
  }

  /* State from the URL and back. */
  var KINDS = ["topic", "agency", "year", "author"];
  function state() {
    var p = new URLSearchParams(location.search), s = { q: p.get("q") || "", sort: p.get("sort") || "" };
    KINDS.forEach(function (k) { s[k] = p.get(k) || ""; });
    return s;
  }
  function current() {
    var s = { q: input.value, sort: sort ? sort.value : "" };
    KINDS.forEach(function (k) {
      var el = form.elements[k];
      s[k] = el ? el.value : "";
    });
    return s;
  }
  function toUrl(s) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    KINDS.forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    if (s.sort) p.set("sort", s.sort);
    var q = p.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  function search(s) {
    var mine = ++run;
    var all = words(s.q).filter(function (w) { return !STOP.has(w); });
    var typing = s.q && WORD.test(Array.from(s.q).pop());
    var chosen = KINDS.filter(function (k) { return s[k]; });
    if (!all.length && !chosen.length) {
      hits = []; shown = 0; list.textContent = ""; status.textContent = "";
      moreButton.hidden = true;
      return Promise.resolve();
    }
    /* Words of three or more characters match as prefixes too (`flood` finds
       `floods`, in place of stemming); the last word typed, from one character. */
    var jobs = all.map(function (w, i) {
      return lookup(w, (typing && i === all.length - 1) || Array.from(w).length >= 3);
    });
    var sets = chosen.map(function (k) { return facet(k, s[k]); });
    if (edition && M.f.edition) sets.push(facet("edition", edition));
    return Promise.all([Promise.all(jobs), Promise.all(sets)]).then(function (r) {
      if (mine !== run) return;
      var maps = r[0], filters = r[1], scored = [];
      var keep = function (d) { return filters.every(function (f) { return f.has(d); }); };
      if (maps.length) {
        maps[0].forEach(function (score, d) {
          for (var i = 1; i < maps.length; i++) {
            var more = maps[i].get(d);
            if (more === undefined) return;
            score += more;
          }
          if (keep(d)) scored.push([d, score * (1 + 0.25 * d / M.n)]);
        });
      } else {
        filters[0].forEach(function (d) { if (keep(d)) scored.push([d, 0]); });
      }
      scored.sort(function (a, b) {
        return s.sort === "newest" || !maps.length ? b[0] - a[0] : b[1] - a[1] || b[0] - a[0];
      });
      hits = scored.map(function (x) { return x[0]; });
      shown = 0;
      list.textContent = "";
      var n = hits.length;
      return show(mine).then(function () {
        if (mine !== run) return;
        /* Announced once the results are there to read. */
        status.textContent = n === 0 ? msg("none", "No results.") :
          msg("found", "Results: {n}").replace("{n}", n.toLocaleString(document.documentElement.lang || undefined));
      });
    });
  }
  function show(mine) {
    var page = hits.slice(shown, shown + PAGE);
    shown += page.length;
    moreButton.hidden = shown >= hits.length;
    return Promise.all(page.map(function (d) {
      return json(M.d[Math.floor(d / M.block)]).then(function (rows) { return rows[d % M.block]; });
    })).then(function (rows) {
      if (mine !== run) return;
      rows.forEach(function (row) { list.appendChild(item(row)); });
    });
  }
  function item(row) {
    var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
    li.className = "search-result";
    li.lang = row[5];
    li.dir = "auto";
    a.href = M.base + row[0];
    a.textContent = row[1];
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p"), time = document.createElement("time");
    meta.className = "search-meta";
    if (row[2]) meta.appendChild(document.createTextNode(row[2] + " · "));
    time.dateTime = row[3];
    time.textContent = new Date(row[3] + "T12:00:00Z").toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    meta.appendChild(time);
    li.appendChild(meta);
    if (row[4]) {
      var p = document.createElement("p");
      p.className = "search-teaser";
      p.textContent = row[4];
      li.appendChild(p);
    }
    return li;
  }

  function facets(s) {
    if (!facetBox) return;
    KINDS.forEach(function (kind) {
      var f = M.f[kind];
      if (!f || !f.values.length) return;
      var label = document.createElement("label"), select = document.createElement("select");
      label.textContent = msg(kind, kind.charAt(0).toUpperCase() + kind.slice(1)) + " ";
      select.name = kind;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = msg("any", "Any");
      select.appendChild(any);
      var values = f.values.slice();
      if (kind === "year") values.sort(function (a, b) { return b[0] < a[0] ? -1 : 1; });
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v[0];
        o.textContent = v[0] + " (" + v[1] + ")";
        select.appendChild(o);
      });
      select.value = s[kind];
      select.addEventListener("change", go);
      label.appendChild(select);
      facetBox.appendChild(label);
    });
    facetBox.hidden = false;
  }

  function go() {
    var s = current();
    toUrl(s);
    search(s);
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); go(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 200); });
  if (sort) sort.addEventListener("change", go);
  moreButton.addEventListener("click", function () {
    var first = shown;
    show(run).then(function () {
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
  });
  /* Arrow keys: from the box to the results and along them. */
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input && e.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      var to = at + (e.key === "ArrowDown" ? 1 : -1);
      if (to < 0) input.focus(); else if (links[to]) links[to].focus();
    } else return;
    e.preventDefault();
  });

  json(manifestUrl.slice(dir.length)).then(function (m) {
    M = m;
    STOP = new Set(m.stop);
    LATIN = m.latin.map(function (s) { return s.split("|"); });
    var s = state();
    input.value = s.q;
    if (sort && s.sort) sort.value = s.sort;
    facets(s);
    form.setAttribute("data-search-ready", "");
    return search(s);
  }).catch(function (e) {
    status.textContent = msg("error", "Search is not available right now.");
    if (window.console) console.error(e);
  });
})();
