#!/usr/bin/env node
// Bytes a search costs the reader, measured in headless Chromium over a static
// server with no HTTP compression (every index file is compressed already):
//
//   node search-bytes.mjs --site public URL-PATH...      broadsheet's /search/?…
//   node search-bytes.mjs --site public --pagefind QUERY  Pagefind's index (pagefind/)
//   node search-bytes.mjs --site public --pagefind "" --filters '{"agency":"app","year":"2019"}'
//
// Counts the bodies of every response under /search/ (or /pagefind/): script, manifest,
// shards, facets, result blocks; for Pagefind its script, WASM, meta, chunks and the
// first 20 results' fragments; not the page, its stylesheet or icon. Prints one JSON line per measurement.

import { resolve } from "node:path";
import { serveDir, launch } from "./lib.mjs";

const args = process.argv.slice(2);
let site, pagefind = null, filters = {};
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--site") site = args[++i];
  else if (args[i] === "--pagefind") pagefind = args[++i];
  else if (args[i] === "--filters") filters = JSON.parse(args[++i]);
  else paths.push(args[i]);
}
const server = await serveDir(resolve(site));
const browser = await launch();

async function measure(path, prefix, run) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on("response", async (res) => {
    const url = new URL(res.url());
    // Only the search's own files: not the page, its stylesheet or icon.
    if (!url.pathname.startsWith(prefix)) return;
    try {
      const body = await res.body();
      files.push([url.pathname, body.length]);
    } catch { /* no body */ }
  });
  await page.goto(server.origin + path, { waitUntil: "load" });
  const detail = await run(page);
  await page.waitForLoadState("networkidle");
  await context.close();
  const bytes = files.reduce((n, f) => n + f[1], 0);
  return { path, bytes, files: files.length, ...detail };
}

try {
  for (const path of paths) {
    const r = await measure(path, "/search/", async (page) => {
      await page.waitForFunction(() => document.getElementById("search-status")?.textContent.trim(), null, { timeout: 60000 });
      return { status: await page.textContent("#search-status") };
    });
    console.log(JSON.stringify(r));
  }
  if (pagefind !== null) {
    const r = await measure("/404.html", "/pagefind/", async (page) => page.evaluate(async ([q, filters]) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      const search = await pf.search(q || null, { filters });
      await Promise.all(search.results.slice(0, 20).map((x) => x.data()));
      return { status: `${search.results.length} results` };
    }, [pagefind, filters]));
    console.log(JSON.stringify({ pagefind, filters, ...r }));
  }
} finally {
  await browser.close();
  await server.close();
}
