// Draws the three Kibana dashboards of elk/kibana/objects as PNGs, from the answers Elasticsearch
// gave to their panels in the end-to-end test (DashboardsEndToEndTests writes
// elk/elk-tool/target/dashboards/panel-results.json).
//
// Each Vega panel is rendered by the real Vega library (npm vega 5.33, the major version Kibana 8.19
// bundles: its package.json asked for "vega": "^5.33.0" when 8.19 branched, elastic/kibana#220909;
// Vega 6 came to Kibana's main branch only in December 2025, #245462) inside Debian's headless Chromium, the way Kibana's Vega visualization feeds it: every
// data source with an Elasticsearch `url` gets the raw search response as `values` (Kibana's
// EsQueryParser.populateData sets `dataObject.values = rawResponse`), so the spec's own
// `format.property` picks the buckets. Panels are laid out by their gridData on Kibana's dashboard
// grid: 48 columns, 20 px rows, 8 px gutters (DASHBOARD_GRID_COLUMN_COUNT, DASHBOARD_GRID_HEIGHT,
// DASHBOARD_MARGIN_SIZE in Kibana's dashboard plugin).
//
// Exit 1 when a panel fails to render, logs a Vega error or warning, or draws nothing (a mark of
// the spec without a single item, or a line or area through a single point); exit 2 on a usage
// mistake.
import { readFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const elk = resolve(here, '..');
const DASHBOARDS = ['dashboard-service', 'dashboard-bookings', 'dashboard-cicd'];
const PAGE_WIDTH = 1400;
// Marks that connect their items: with one item they draw no visible stroke or area.
const LINES = new Set(['line', 'area', 'trail']);

function usage() {
	return `usage: node render.mjs [--results FILE] [--out DIR] [--chromium PATH]
  --results FILE   panel answers of the end-to-end test
                   (default: elk/elk-tool/target/dashboards/panel-results.json)
  --out DIR        where the PNGs go (default: docs/dashboards)
  --chromium PATH  the browser (default: /usr/bin/chromium, Debian's package)`;
}

function options(argv) {
	const result = {
		results: join(elk, 'elk-tool', 'target', 'dashboards', 'panel-results.json'),
		out: resolve(elk, '..', 'docs', 'dashboards'),
		chromium: '/usr/bin/chromium',
	};
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (name === 'help' || name === 'h') {
			console.log(usage());
			process.exit(0);
		}
		if (!(name in result) || argv[i + 1] === undefined) {
			console.error(`dashboards: unknown or incomplete option '${argv[i]}'\n${usage()}`);
			process.exit(2);
		}
		result[name] = resolve(argv[i + 1]);
	}
	return result;
}

function readObject(file) {
	return JSON.parse(readFileSync(file, 'utf8'));
}

function visualizations() {
	const byId = new Map();
	const folder = join(elk, 'kibana', 'objects');
	for (const file of readdirSync(folder).filter((f) => f.startsWith('visualization-')).sort()) {
		const object = readObject(join(folder, file));
		byId.set(object.id, object);
	}
	return byId;
}

/** Each dashboard with its panels: grid position, title and the Vega spec fed with the answers. */
function dashboards(results) {
	const byId = visualizations();
	const problems = [];
	const boards = DASHBOARDS.map((name) => {
		const object = readObject(join(elk, 'kibana', 'objects', `${name}.ndjson`));
		const references = new Map(object.references.map((r) => [r.name, r.id]));
		const panels = JSON.parse(object.attributes.panelsJSON).map((panel) => {
			const id = references.get(panel.panelRefName);
			const visualization = byId.get(id);
			if (!visualization) {
				problems.push(`${name}: panel ${panel.panelIndex} refers to a missing visualization ${id}`);
				return null;
			}
			const state = JSON.parse(visualization.attributes.visState);
			const spec = JSON.parse(state.params.spec);
			for (const data of spec.data ?? []) {
				if (data.url && typeof data.url === 'object' && 'index' in data.url) {
					const response = results.responses?.[id]?.[data.name];
					if (!response) {
						problems.push(`${id}: no answer for data '${data.name}' in the results: rerun the end-to-end test`);
						continue;
					}
					delete data.url;
					data.values = response;
				}
			}
			return { id, title: visualization.attributes.title, grid: panel.gridData, spec };
		});
		return { name, title: object.attributes.title, panels: panels.filter(Boolean) };
	});
	return { boards, problems };
}

function page(board, timeMin, timeMax) {
	const rows = Math.max(...board.panels.map((p) => p.grid.y + p.grid.h));
	const panels = board.panels
		.map(
			(p, i) => `<section class="panel" style="grid-column:${p.grid.x + 1} / span ${p.grid.w};grid-row:${p.grid.y + 1} / span ${p.grid.h}">
  <h2>${escape(p.title)}</h2><div class="vega" id="panel-${i}"></div></section>`,
		)
		.join('\n');
	return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; width: ${PAGE_WIDTH - 32}px; background: #f7f8fc;
    font-family: "DejaVu Sans", Arial, sans-serif; color: #343741; }
  header { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 12px; }
  h1 { font-size: 20px; margin: 0; } .range { font-size: 13px; color: #69707d; }
  .grid { display: grid; grid-template-columns: repeat(48, 1fr); grid-template-rows: repeat(${rows}, 20px); gap: 8px; }
  .panel { background: #fff; border: 1px solid #d3dae6; border-radius: 6px; display: flex; flex-direction: column;
    min-width: 0; min-height: 0; padding: 8px; box-sizing: border-box; }
  .panel h2 { font-size: 13px; font-weight: 600; margin: 0 0 4px 0; }
  .vega { flex: 1; min-height: 0; }
</style></head><body>
<header><h1>${escape(board.title)}</h1><span class="range">${escape(timeMin)} &rarr; ${escape(timeMax)} (UTC, last 1 hour)</span></header>
<div class="grid">${panels}</div></body></html>`;
}

function escape(text) {
	return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** Runs in the page: renders every spec, returns per panel the items drawn by each mark. */
async function renderPanels(specs) {
	const results = [];
	for (let i = 0; i < specs.length; i++) {
		const container = document.getElementById(`panel-${i}`);
		const messages = [];
		try {
			const logger = vega.logger(vega.Warn);
			logger.warn = (...args) => messages.push(`warning: ${args.join(' ')}`);
			logger.error = (...args) => messages.push(`error: ${args.join(' ')}`);
			const view = new vega.View(vega.parse(specs[i]), {
				renderer: 'canvas',
				container,
				hover: false,
				logger,
			});
			view.width(container.clientWidth).height(container.clientHeight);
			await view.runAsync();
			const marks = [];
			const visit = (mark) => {
				if (mark.role === 'mark') {
					marks.push({ type: mark.marktype, name: mark.name ?? null, items: mark.items.length });
				}
				if (mark.marktype === 'group') {
					mark.items.forEach((group) => (group.items ?? []).forEach(visit));
				}
			};
			visit(view.scenegraph().root);
			results.push({ marks, messages });
		} catch (error) {
			results.push({ marks: [], messages: [...messages, `error: ${error.message}`] });
		}
	}
	return results;
}

async function main() {
	const opts = options(process.argv.slice(2));
	if (!existsSync(opts.results)) {
		console.error(`dashboards: ${opts.results} is missing: run the end-to-end test first (make dashboards does)`);
		process.exit(2);
	}
	if (!existsSync(opts.chromium)) {
		console.error(`dashboards: no browser at ${opts.chromium}: apt-get install -y chromium (make dashboards does)`);
		process.exit(2);
	}
	const results = readObject(opts.results);
	const { boards, problems } = dashboards(results);
	const vegaScript = require.resolve('vega/build/vega.min.js');
	mkdirSync(opts.out, { recursive: true });
	const browser = await chromium.launch({
		executablePath: opts.chromium,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run', '--disable-quic'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: PAGE_WIDTH, height: 900 }, deviceScaleFactor: 2 });
		for (const board of boards) {
			const tab = await context.newPage();
			const errors = [];
			tab.on('pageerror', (error) => errors.push(error.message));
			await tab.setContent(page(board, results.timeMin, results.timeMax));
			await tab.addScriptTag({ path: vegaScript });
			const rendered = await tab.evaluate(renderPanels, board.panels.map((p) => p.spec));
			board.panels.forEach((panel, i) => {
				const { marks, messages } = rendered[i];
				const drawn = marks.map((m) => `${m.type}${m.name ? ` ${m.name}` : ''}: ${m.items}`).join(', ');
				console.log(`  ${board.name} / ${panel.id}: ${drawn || 'no marks'}`);
				messages.forEach((m) => problems.push(`${panel.id}: Vega ${m}`));
				if (marks.length === 0) {
					problems.push(`${panel.id}: drew no marks`);
				}
				marks.filter((m) => m.items === 0).forEach((m) => problems.push(`${panel.id}: its ${m.type} mark drew nothing`));
				// A line through one point draws nothing; it is fine only where a symbol mark shows the points.
				const pointsShown = marks.some((m) => m.type === 'symbol' && m.items > 0);
				marks
					.filter((m) => LINES.has(m.type) && m.items === 1 && !pointsShown)
					.forEach((m) => problems.push(`${panel.id}: its ${m.type} mark has a single point, which draws nothing visible`));
			});
			errors.forEach((e) => problems.push(`${board.name}: page error ${e}`));
			const file = join(opts.out, `${board.name.replace(/^dashboard-/, '')}.png`);
			await tab.screenshot({ path: file, fullPage: true });
			console.log(`dashboards: wrote ${file}`);
			await tab.close();
		}
	} finally {
		await browser.close();
	}
	if (problems.length > 0) {
		console.error(`dashboards: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
		process.exit(1);
	}
	console.log(`dashboards: every panel of ${boards.length} dashboards drew its data`);
}

main().catch((error) => {
	console.error(`dashboards: ${error.stack ?? error}`);
	process.exit(1);
});
