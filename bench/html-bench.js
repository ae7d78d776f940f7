// html-bench.js - Mozilla's Readability.js over HTML pages, in this one
// node process, for bench/html-bench.sh.
//
//   node html-bench.js RUNS OUTDIR DIR
//
// Reads every page (DIR/*.html, in name order), then parses and extracts all of them RUNS times,
// and prints the CPU time (user + system, process.cpuUsage) of each run
// over all pages, one a line: reading the files and loading the modules
// do not count.  OUTDIR (when not "-") gets each page's extracted text
// (textContent) as BASENAME.txt, from the first run, for score.py.
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [runs, outdir, dir] = process.argv.slice(2);
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort()
	.map((f) => path.join(dir, f));
const html = pages.map((p) => fs.readFileSync(p));
// jsdom reports the pages' CSS it cannot parse; not the benchmark's concern
const quiet = new VirtualConsole();

let failed = 0;
for (let run = 0; run < Number(runs); run++) {
	const t0 = process.cpuUsage();
	const texts = [];
	for (const bytes of html) {
		let text = '';
		try {
			const dom = new JSDOM(bytes, { virtualConsole: quiet });
			const article = new Readability(dom.window.document).parse();
			text = article && article.textContent ? article.textContent : '';
			dom.window.close();
		} catch (e) {
			if (run === 0)
				failed++;
		}
		texts.push(text);
	}
	const t = process.cpuUsage(t0);
	console.log(((t.user + t.system) / 1e6).toFixed(3));
	if (run === 0 && outdir !== '-')
		pages.forEach((p, i) =>
			fs.writeFileSync(path.join(outdir, path.basename(p) + '.txt'), texts[i]));
}
if (failed)
	console.error(`readability: ${failed} pages failed`);
