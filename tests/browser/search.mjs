#!/usr/bin/env node
// The search page of a built site in headless Chromium:
//
//   node search.mjs --site public [--absent WORD]... QUERY=>TITLE...
//
// For each `QUERY=>TITLE`, opens /search/?q=QUERY (or /search/QUERY when it begins
// with `?`, for facets) and expects a result whose headline
// contains TITLE (`QUERY=>` expects no result at all), and the result count announced
// in the live region. For each --absent WORD, a search for it finds nothing. Then, by
// keyboard only: types the first query into the box, presses Enter, expects results,
// ArrowDown moves focus to the first result's link; axe-core finds no serious or
// critical violation on the page with results (light and dark). Prints a JSON
// summary; exits 1 when anything failed, 2 on bad usage.

import { resolve } from "node:path";
import { serveDir, launch, openPage, runAxe, haveChromium, CHROMIUM_PATH } from "./lib.mjs";

const args = process.argv.slice(2);
let site;
const cases = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--site") site = args[++i];
  else if (args[i] === "--absent") cases.push({ q: args[++i], title: null });
  else if (args[i].includes("=>")) {
    const [q, title] = args[i].split("=>");
    cases.push({ q, title: title || null });
  } else {
    console.error(`error: unexpected argument \`${args[i]}\``);
    process.exit(2);
  }
}
if (!site || cases.length === 0) {
  console.error("usage: node search.mjs --site DIR [--absent WORD]... QUERY=>TITLE...");
  process.exit(2);
}
if (!haveChromium()) {
  console.log(`SKIPPED: no Chromium at ${CHROMIUM_PATH}`);
  process.exit(0);
}

const server = await serveDir(resolve(site));
const browser = await launch();
const failures = [];
const summary = { queries: [], bytes: {} };

async function results(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent.trim() !== "";
  }, null, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    titles: Array.from(document.querySelectorAll("#search-results li h2")).map((h) => h.textContent),
  }));
}

try {
  for (const c of cases) {
    // A case beginning with `?` is the query string as it is (facets: `?year=2017`).
    const url = c.q.startsWith("?") ? `${server.origin}/search/${c.q}` : `${server.origin}/search/?q=${encodeURIComponent(c.q)}`;
    const bytesBefore = new Map();
    const { page, context, problems } = await openPage(browser, url);
    let fetched = 0;
    page.on("response", async (res) => {
      try { fetched += (await res.body()).length; } catch { /* redirects have no body */ }
    });
    const got = await results(page);
    summary.queries.push({ q: c.q, ...got });
    if (c.title === null) {
      if (got.titles.length !== 0) failures.push(`${c.q}: expected no result, got ${JSON.stringify(got.titles)}`);
    } else {
      if (!got.titles.some((t) => t.includes(c.title))) failures.push(`${c.q}: no result titled …${c.title}… in ${JSON.stringify(got.titles)}`);
      if (!got.status.includes(String(got.titles.length))) failures.push(`${c.q}: status "${got.status}" does not count ${got.titles.length}`);
    }
    const live = await page.getAttribute("#search-status", "aria-live");
    if (live !== "polite") failures.push(`${c.q}: the result count is not in a polite live region`);
    failures.push(...problems.map((p) => `${c.q}: ${p}`));
    bytesBefore.clear();
    await context.close();
  }

  // Keyboard only, from an empty page.
  const first = cases.find((c) => c.title);
  const { page, context, problems } = await openPage(browser, `${server.origin}/search/`);
  await page.waitForSelector("form[data-search-ready]");
  await page.focus("#search-q");
  await page.keyboard.type(first.q);
  await page.keyboard.press("Enter");
  const got = await results(page);
  if (!got.titles.some((t) => t.includes(first.title))) failures.push(`keyboard: typed "${first.q}", got ${JSON.stringify(got.titles)}`);
  const url = new URL(page.url());
  if (url.searchParams.get("q") !== first.q) failures.push(`keyboard: the URL ${page.url()} does not carry the query`);
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest("#search-results") ? document.activeElement.tagName : null);
  if (focused !== "A") failures.push("keyboard: ArrowDown from the box does not reach the first result");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const bad = (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of bad) failures.push(`axe (${scheme}): ${v.id}: ${v.help} at ${v.nodes.join(", ")}`);
  }
  failures.push(...problems.map((p) => `keyboard: ${p}`));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
for (const f of failures) console.error(`FAIL ${f}`);
console.log(JSON.stringify({ ok: failures.length === 0, ...summary }));
process.exit(failures.length ? 1 : 0);
