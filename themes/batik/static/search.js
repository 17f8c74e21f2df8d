// Search and catalogue filters. Nothing is fetched until a visitor searches or opens the filters.
// The index is written by canting (see the `search` module): words are lower case without
// accents, Indonesian word forms also stand for their roots, and this does the same to a query.
(function () {
  "use strict";
  var cache = {};
  function get(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }
  // `hidden` alone loses to a stylesheet's `display: grid`.
  function show(e, on) {
    if (!e) return;
    e.hidden = !on;
    e.style.display = on ? "" : "none";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // --- Words, as the index spells them -------------------------------------------------------
  function words(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .map(function (w) { return Array.from(w).slice(0, 24).join(""); })
      .filter(function (w) { return Array.from(w).length >= 2; });
  }
  function shard(w) {
    var head = Array.from(w).slice(0, 2);
    if (/^[a-z0-9]+$/.test(head.join(""))) return head.join("");
    return "_" + head.map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }
  var VOWEL = /^[aeiou]/;
  function stripPrefix(w) {
    var out = [];
    [["me", ["meng", "meny", "mem", "men"]], ["pe", ["peng", "peny", "pem", "pen"]]].forEach(function (n) {
      if (w.indexOf(n[0]) !== 0) return;
      for (var i = 0; i < n[1].length; i++) {
        var p = n[1][i];
        if (w.indexOf(p) === 0) {
          var r = w.slice(p.length);
          out.push(r);
          // The root's first consonant melted into the prefix: menulis ← tulis.
          if (VOWEL.test(r)) out.push(({ meng: "k", peng: "k", meny: "s", peny: "s", mem: "p", pem: "p" }[p] || "t") + r);
          break;
        }
      }
      // me-, pe- alone come before l/m/n/r/w/y and a vowel: melukis, memasak.
      if (/^[lmnrwy][aeiou]/.test(w.slice(2))) out.push(w.slice(2));
    });
    var ps = ["ber", "be", "per", "ter", "di", "ke", "se"];
    for (var i = 0; i < ps.length; i++) {
      if (w.indexOf(ps[i]) === 0) {
        out.push(w.slice(ps[i].length));
        if (i === 0 || i === 2 || i === 3) break;
      }
    }
    return out.filter(function (r) { return r.length >= 3 && /^[a-z]/.test(r); });
  }
  function roots(w) {
    if (!/^[\x00-\x7f]*$/.test(w)) return [];
    var bases = [w];
    [["lah", "kah", "tah", "pun"], ["nya", "ku", "mu"], ["kan", "an", "i"]].forEach(function (set) {
      var next = [];
      bases.forEach(function (b) {
        for (var i = 0; i < set.length; i++) {
          var s = set[i];
          if (b.length - s.length >= 4 && b.slice(-s.length) === s) { next.push(b.slice(0, -s.length)); break; }
        }
      });
      bases = bases.concat(next);
    });
    var out = [];
    bases.forEach(function (b) {
      stripPrefix(b).forEach(function (r) { out.push(r); });
      if (b !== w && b.length >= 3) out.push(b);
    });
    return out.filter(function (r, i) { return r !== w && out.indexOf(r) === i; });
  }
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) === 1;
  }
  // Postings: gap to the previous document, doubled, plus one when the word is in the title.
  function each(list, f) {
    var n = 0;
    for (var i = 0; i < list.length; i++) { n += list[i] >> 1; f(n, list[i] & 1); }
  }

  // --- Documents ---------------------------------------------------------------------------
  function docs(base, meta, ids) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = 1; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return get(base + "docs/" + c + ".json").then(function (rows) { return [c, rows]; });
    })).then(function (all) {
      var by = {};
      all.forEach(function (p) { by[p[0]] = p[1]; });
      return ids.map(function (id) { return by[Math.floor(id / meta.chunk)][id % meta.chunk]; });
    });
  }
  function thumb(src) {
    var img = el("img");
    img.src = src;
    img.alt = "";
    img.width = 96;
    img.height = 72;
    img.loading = "lazy";
    return img;
  }

  // --- Search ------------------------------------------------------------------------------
  function search(base, meta, query) {
    var tokens = words(query);
    if (!tokens.length) return Promise.resolve(null);
    var wanted = {};
    var forms = tokens.map(function (t) {
      var rs = meta.stem ? roots(t) : [];
      [t].concat(rs).forEach(function (w) { if (meta.shards.indexOf(shard(w)) >= 0) wanted[shard(w)] = 1; });
      return { t: t, roots: rs };
    });
    var names = Object.keys(wanted);
    return Promise.all(names.map(function (s) { return get(base + s + ".json"); })).then(function (loaded) {
      var shards = {};
      names.forEach(function (s, i) { shards[s] = loaded[i]; });
      var total = null;
      forms.forEach(function (f) {
        var found = {};
        function add(list, score) {
          each(list, function (doc, title) {
            var s = score + (title ? 10 : 0);
            if (!found[doc] || found[doc].s < s) found[doc] = { s: s, title: title };
          });
        }
        var own = shards[shard(f.t)] || {};
        if (own[f.t]) add(own[f.t], 8);
        f.roots.forEach(function (r) {
          var sh = shards[shard(r)] || {};
          if (sh[r]) add(sh[r], 6);
        });
        Object.keys(own).forEach(function (w) {
          if (w !== f.t && w.indexOf(f.t) === 0) add(own[w], 4);
          else if (f.t.length >= 4 && oneEdit(w, f.t)) add(own[w], 2);
        });
        if (total === null) {
          total = found;
          Object.keys(total).forEach(function (d) { total[d].titles = found[d].title; });
        } else {
          Object.keys(total).forEach(function (d) {
            if (!found[d]) delete total[d];
            else { total[d].s += found[d].s; total[d].titles += found[d].title; }
          });
        }
      });
      return Object.keys(total || {}).map(function (d) {
        return { id: +d, s: total[d].s, all: total[d].titles === forms.length };
      }).sort(function (a, b) { return (b.all - a.all) || (b.s - a.s) || (a.id - b.id); });
    });
  }

  function searchPage(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var base = form.getAttribute("data-index");
    var kinds = form.getAttribute("data-kinds").split("|");
    var meta = null;
    var shown = 20;
    var run = 0;
    function index() {
      if (!meta) meta = get(base + "index.json");
      return meta;
    }
    function go() {
      var q = input.value;
      var mine = ++run;
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      if (words(q).length === 0) {
        list.textContent = "";
        status.textContent = q ? status.getAttribute("data-hint") : "";
        return;
      }
      index().then(function (m) {
        return search(base, m, q).then(function (hits) {
          return docs(base, m, hits.slice(0, shown).map(function (h) { return h.id; })).then(function (rows) {
            return [hits, rows];
          });
        });
      }).then(function (r) {
        if (mine !== run) return;
        var hits = r[0], rows = r[1];
        list.textContent = "";
        rows.forEach(function (d) {
          var li = el("li", "result");
          var a = el("a");
          a.href = d[3];
          if (d[4]) a.appendChild(thumb(d[4]));
          var body = el("span", "result-body");
          body.appendChild(el("span", "result-kind", kinds[d[0]]));
          body.appendChild(el("span", "result-title", d[1]));
          if (d[2]) body.appendChild(el("span", "result-summary", d[2]));
          a.appendChild(body);
          li.appendChild(a);
          list.appendChild(li);
        });
        status.textContent = hits.length ? hits.length + " " + status.getAttribute("data-results")
          : status.getAttribute("data-none");
      }).catch(function (e) { console.warn(e); });
    }
    var timer;
    input.addEventListener("focus", index, { once: true });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 120); });
    form.addEventListener("submit", function (e) { e.preventDefault(); go(); });
    // Arrow keys move between the input and the results; Escape goes back to the input.
    form.parentNode.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (document.activeElement === input || at >= 0) && links.length) {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      } else if (e.key === "Escape" && at >= 0) {
        input.focus();
      }
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; go(); }
  }

  // --- Filters on a listing ----------------------------------------------------------------
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function filters(box) {
    var status = document.querySelector(".filter-status");
    var panel = box.querySelector(".filter-panel");
    var base = box.getAttribute("data-index");
    var cards = document.querySelector("main .cards");
    var pager = document.querySelector("main .pagination");
    var out = null;
    var data = null;
    var shown = 24;
    function valuesOf(item, f, i) {
      var v = item[1 + i];
      if (typeof v === "string") return [v >= today() ? 0 : 1];
      return v;
    }
    function selected() {
      var sel = {};
      data.facets.forEach(function (f) {
        var on = panel.querySelectorAll("input[name=" + f.key + "]:checked");
        if (on.length) sel[f.key] = Array.prototype.map.call(on, function (c) { return +c.getAttribute("data-n"); });
      });
      return sel;
    }
    function matches(item, sel, skip) {
      return data.facets.every(function (f, i) {
        if (f.key === skip || !sel[f.key]) return true;
        var vs = valuesOf(item, f, i);
        return sel[f.key].some(function (n) { return vs.indexOf(n) >= 0; });
      });
    }
    function build() {
      var params = new URLSearchParams(location.search);
      panel.textContent = "";
      data.facets.forEach(function (f) {
        var fs = el("fieldset");
        fs.appendChild(el("legend", "", f.label));
        var wanted = params.getAll(f.key);
        f.values.forEach(function (v, n) {
          var label = el("label");
          var box = el("input");
          box.type = "checkbox";
          box.name = f.key;
          box.value = v[0];
          box.setAttribute("data-n", n);
          box.checked = wanted.indexOf(v[0]) >= 0;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + v[1] + " "));
          label.appendChild(el("span", "count"));
          fs.appendChild(label);
        });
        panel.appendChild(fs);
      });
      var clear = el("button", "filters-clear", box.getAttribute("data-clear"));
      clear.type = "button";
      clear.addEventListener("click", function () {
        Array.prototype.forEach.call(panel.querySelectorAll("input:checked"), function (c) { c.checked = false; });
        update();
      });
      panel.appendChild(clear);
      panel.addEventListener("change", function () { shown = 24; update(); });
    }
    function update() {
      var sel = selected();
      var url = new URL(location.href);
      data.facets.forEach(function (f) { url.searchParams.delete(f.key); });
      data.facets.forEach(function (f) {
        (sel[f.key] || []).forEach(function (n) { url.searchParams.append(f.key, f.values[n][0]); });
      });
      history.replaceState(null, "", url);
      data.facets.forEach(function (f, i) {
        var counts = f.values.map(function () { return 0; });
        data.items.forEach(function (item) {
          if (matches(item, sel, f.key)) valuesOf(item, f, i).forEach(function (n) { counts[n]++; });
        });
        Array.prototype.forEach.call(panel.querySelectorAll("input[name=" + f.key + "]"), function (c) {
          c.nextSibling.nextSibling.textContent = "(" + counts[+c.getAttribute("data-n")] + ")";
        });
      });
      if (!Object.keys(sel).length) {
        show(out, false);
        show(cards, true);
        show(pager, true);
        status.textContent = "";
        return;
      }
      var hits = data.items.filter(function (item) { return matches(item, sel, null); });
      if (data.facets[0].key === "when") {
        var t = today();
        var up = hits.filter(function (h) { return h[1] >= t; }).reverse();
        hits = up.concat(hits.filter(function (h) { return h[1] < t; }));
      }
      status.textContent = hits.length + " " + box.getAttribute("data-matching");
      get(base + "index.json").then(function (m) {
        return docs(base, m, hits.slice(0, shown).map(function (h) { return h[0]; }));
      }).then(function (rows) {
        if (!out) {
          out = el("div", "cards filtered");
          (cards || box).parentNode.insertBefore(out, cards || status.nextSibling);
        }
        show(out, true);
        show(cards, false);
        show(pager, false);
        out.textContent = "";
        rows.forEach(function (d) {
          var card = el("article", "card");
          if (d[4]) card.appendChild(thumb(d[4]));
          var body = el("div", "card-body");
          var h = el("h2", "card-title");
          var a = el("a", "", d[1]);
          a.href = d[3];
          h.appendChild(a);
          body.appendChild(h);
          if (d[2]) body.appendChild(el("p", "", d[2]));
          card.appendChild(body);
          out.appendChild(card);
        });
        if (hits.length > shown) {
          var more = el("button", "filters-more", box.getAttribute("data-more"));
          more.type = "button";
          more.addEventListener("click", function () { shown += 24; update(); });
          out.appendChild(more);
        }
      }).catch(function (e) { console.warn(e); });
    }
    function load() {
      if (data) return;
      data = true;
      get(box.getAttribute("data-filters")).then(function (d) {
        data = d;
        build();
        update();
      }).catch(function (e) { console.warn(e); data = null; });
    }
    box.addEventListener("toggle", function () { if (box.open) load(); });
    var params = new URLSearchParams(location.search);
    var any = false;
    params.forEach(function (v, k) { if (k !== "q") any = true; });
    if (any) box.open = true;
  }

  var form = document.querySelector("form.search-page");
  if (form) searchPage(form);
  var box = document.querySelector("details.filters");
  if (box) filters(box);
})();
