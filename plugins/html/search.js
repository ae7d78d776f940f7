/* search.js - the search form of a herald site: titles and text, in the
 * browser, with no network.  The data are scripts beside this one
 * (search/titles.js, search/text/GROUP.js) that call heraldSearch.titles
 * and heraldSearch.text: a <script> element loads them from file:// too,
 * where fetch() of a local file is refused.  Titles are loaded at the
 * first search, each month's text when the search reaches it. */
(function () {
	"use strict";
	var form = document.querySelector("form.search");
	if (!form || !document.createElement("div").classList) {
		return;
	}
	var root = form.getAttribute("data-root") || "./";
	if (root.charAt(root.length - 1) !== "/") {
		root += "/";
	}
	var input = form.querySelector("input");
	var out = form.querySelector(".results");
	var base = root + "search/";
	var pages = null;           /* [url, date, title, [[id, title]...], group] */
	var groups = [];
	var texts = {};             /* group -> [[url, text]...] */
	var pending = {};           /* group or "titles" -> callbacks */
	var run = 0;                /* the search in progress */
	var LIMIT = 50;

	/* Case and accents folded, each white space a space: the length
	 * stays that of the text (for most letters), so that an index in
	 * the folded text is one in the text too. */
	function fold(s) {
		s = String(s).toLowerCase();
		if (s.normalize) {
			s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
		}
		return s.replace(/\s/g, " ");
	}

	function load(key, src, then) {
		if (pending[key]) {
			pending[key].push(then);
			return;
		}
		pending[key] = [then];
		var s = document.createElement("script");
		s.src = base + src;
		s.onload = s.onerror = function () {
			var list = pending[key] || [];
			pending[key] = null;
			list.forEach(function (f) { f(); });
		};
		document.head.appendChild(s);
	}

	window.heraldSearch = {
		titles: function (list) {
			pages = list;
			var seen = {};
			groups = [];
			list.forEach(function (p) {
				if (!seen[p[4]]) {
					seen[p[4]] = true;
					groups.push(p[4]);
				}
			});
		},
		text: function (group, list) {
			texts[group] = list;
		}
	};

	function el(name, cls, text) {
		var e = document.createElement(name);
		if (cls) {
			e.className = cls;
		}
		if (text) {
			e.textContent = text;
		}
		return e;
	}

	function pageTitle(p) {
		return p[1] ? p[1] + (p[2] && p[2] !== p[1] ? " \u2014 " + p[2] : "")
			: (p[2] || p[0]);
	}

	function hit(list, url, label, snippet) {
		var li = el("li");
		var a = el("a", null, label);
		a.href = root + url;
		li.appendChild(a);
		if (snippet) {
			li.appendChild(document.createTextNode(" "));
			li.appendChild(snippet);
		}
		list.appendChild(li);
	}

	/* The words around the phrase found at index at of text. */
	function snippet(text, at, len) {
		var from = Math.max(0, at - 60);
		var to = Math.min(text.length, at + len + 60);
		var space = text.indexOf(" ", from);
		if (from > 0 && space >= 0 && space < at) {
			from = space + 1;      /* whole words either side */
		}
		space = text.lastIndexOf(" ", to);
		if (to < text.length && space > at + len) {
			to = space;
		}
		var s = el("span", "snippet");
		s.appendChild(document.createTextNode((from > 0 ? "\u2026" : "") +
			text.slice(from, at)));
		s.appendChild(el("mark", null, text.slice(at, at + len)));
		s.appendChild(document.createTextNode(text.slice(at + len, to) +
			(to < text.length ? "\u2026" : "")));
		return s;
	}

	function titleHits(q, list, byUrl) {
		var n = 0;
		pages.forEach(function (p) {
			if (n >= LIMIT) {
				return;
			}
			var page = p[0];
			if (fold(pageTitle(p)).indexOf(q) >= 0) {
				hit(list, page, pageTitle(p));
				byUrl[page] = true;
				n++;
			}
			p[3].forEach(function (it) {
				if (n < LIMIT && fold(it[1]).indexOf(q) >= 0) {
					hit(list, page + "#" + it[0], it[1] + " (" + pageTitle(p) + ")");
					byUrl[page] = true;
					n++;
				}
			});
		});
		return n;
	}

	/* Text, month by month, each loaded when the search reaches it; a
	 * newer search stops this one. */
	function textHits(me, q, list, byUrl, n, g, status) {
		while (g < groups.length && texts[groups[g]]) {
			texts[groups[g]].forEach(function (t) {
				if (n >= LIMIT || byUrl[t[0]]) {
					return;
				}
				var at = fold(t[1]).indexOf(q);
				if (at >= 0) {
					var p = null;
					for (var i = 0; i < pages.length && !p; i++) {
						if (pages[i][0] === t[0]) {
							p = pages[i];
						}
					}
					hit(list, t[0], p ? pageTitle(p) : t[0], snippet(t[1], at, q.length));
					byUrl[t[0]] = true;
					n++;
				}
			});
			g++;
		}
		if (me !== run) {
			return;
		}
		if (g < groups.length && n < LIMIT) {
			status.textContent = "\u2026 " + groups[g];
			load(groups[g], "text/" + groups[g] + ".js", function () {
				texts[groups[g]] = texts[groups[g]] || [];
				textHits(me, q, list, byUrl, n, g, status);
			});
			return;
		}
		status.textContent = n === 0 ? "0" : String(n) + (n >= LIMIT ? "+" : "");
	}

	function search() {
		var me = ++run;
		var q = fold(input.value).replace(/ +/g, " ").trim();
		out.textContent = "";
		if (q.length < 2) {
			return;
		}
		load("titles", "titles.js", function () {
			if (me !== run || !pages) {
				return;
			}
			var status = el("p", "status");
			var list = el("ol");
			out.appendChild(status);
			out.appendChild(list);
			var byUrl = {};
			textHits(me, q, list, byUrl, titleHits(q, list, byUrl), 0, status);
		});
	}

	var timer = null;
	input.addEventListener("input", function () {
		clearTimeout(timer);
		timer = setTimeout(search, 200);
	});
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		search();
	});
	form.hidden = false;
}());
