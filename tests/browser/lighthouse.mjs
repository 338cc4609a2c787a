#!/usr/bin/env node
// Lighthouse scores of pages of a built site, served locally, in Debian's Chromium.
// Run by hand (not part of `cargo test`; it takes about half a minute a page):
//
//   npm ci                          # includes lighthouse@12.2.3 (a dev dependency)
//   node lighthouse.mjs --site ../../public [--preset desktop] [--report DIR] / /2024/08/12/…/
//
// Prints the performance, accessibility, best-practices and SEO scores (0–100) of
// each page, and the audits that lost points. Default: Lighthouse's mobile
// emulation with simulated throttling (a mid-range phone on a slow 4G link).

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { serveDir, haveChromium, CHROMIUM_PATH, CHROMIUM_ARGS } from "./lib.mjs";

const args = process.argv.slice(2);
let site, preset, report;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--site") site = args[++i];
  else if (args[i] === "--preset") preset = args[++i];
  else if (args[i] === "--report") report = args[++i];
  else paths.push(args[i]);
}
if (!site || paths.length === 0) {
  console.error("usage: node lighthouse.mjs --site DIR [--preset desktop] [--report DIR] PATH...");
  process.exit(2);
}
if (!haveChromium()) {
  console.log(`SKIPPED: no Chromium at ${CHROMIUM_PATH}`);
  process.exit(0);
}

const { default: lighthouse } = await import("lighthouse");
const chromeLauncher = await import("chrome-launcher");
const desktop = preset === "desktop" ? (await import("lighthouse/core/config/desktop-config.js")).default : undefined;

const server = await serveDir(resolve(site));
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
let worst = 100;
try {
  for (const path of paths) {
    const url = server.origin + path;
    const result = await lighthouse(url, { port: chrome.port, output: "html", logLevel: "error", onlyCategories: categories }, desktop);
    const lhr = result.lhr;
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    worst = Math.min(worst, ...Object.values(scores));
    console.log(`${path}  ${categories.map((c) => `${c} ${scores[c]}`).join("  ")}`);
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`    ${c}: ${audit.id} (${audit.score}) ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`);
        }
      }
    }
    const m = lhr.audits;
    console.log(`    metrics: FCP ${m["first-contentful-paint"].displayValue}, LCP ${m["largest-contentful-paint"].displayValue}, TBT ${m["total-blocking-time"].displayValue}, CLS ${m["cumulative-layout-shift"].displayValue}`);
    if (report) {
      mkdirSync(report, { recursive: true });
      const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
      writeFileSync(join(report, `${name}.html`), result.report);
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log(`lowest score: ${worst}`);
