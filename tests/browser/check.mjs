#!/usr/bin/env node
// Loads pages of a built site in headless Chromium at several widths and checks them.
//
//   node check.mjs --site public --artifacts out [--widths 1280,375] PAGE...
//
// PAGE is `name=/path/` with optional `,dir=rtl` (expected `dir` of the html element,
// and of `article.story` when the page has one) and `,axe` (run axe-core on it at
// the first width). Example:
//
//   node check.mjs --site public --artifacts shots home=/,axe article=/2024/08/…/,dir=ltr,axe
//
// For every page and width: no console errors or failed requests, no request to
// another origin, no horizontal overflow (scrollWidth <= clientWidth), the expected
// direction; writes `<name>-<width>.png` to the artifacts folder. axe-core violations
// (light and dark colour schemes) of impact serious or critical fail the run; minor and moderate ones are printed.
// Prints a JSON summary on the last line; exits 1 when anything failed, 2 on bad usage.

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { serveDir, launch, openPage, overflow, runAxe, iconProblem, haveChromium, CHROMIUM_PATH } from "./lib.mjs";

function usage(message) {
  console.error(`error: ${message}\nusage: node check.mjs --site DIR --artifacts DIR [--widths 1280,375] name=/path/[,dir=rtl][,axe]...`);
  process.exit(2);
}

const args = process.argv.slice(2);
let site, artifacts;
let widths = [1280, 375];
const pages = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--site") site = args[++i];
  else if (a === "--artifacts") artifacts = args[++i];
  else if (a === "--widths") widths = args[++i].split(",").map(Number);
  else if (a.includes("=")) {
    const [first, ...opts] = a.split(",");
    const [name, path] = first.split("=");
    const page = { name, path, dir: null, axe: false };
    for (const o of opts) {
      if (o === "axe") page.axe = true;
      else if (o.startsWith("dir=")) page.dir = o.slice(4);
      else usage(`unknown page option \`${o}\``);
    }
    pages.push(page);
  } else usage(`unexpected argument \`${a}\``);
}
if (!site || !artifacts || pages.length === 0) usage("need --site, --artifacts and at least one page");
if (!haveChromium()) {
  console.log(`SKIPPED: no Chromium at ${CHROMIUM_PATH}`);
  process.exit(0);
}
mkdirSync(artifacts, { recursive: true });

const server = await serveDir(resolve(site));
const browser = await launch();
const failures = [];
const summary = { pages: [], axe: {} };
try {
  for (const p of pages) {
    for (const [i, width] of widths.entries()) {
      const label = `${p.name} @ ${width}px`;
      const { page, context, problems } = await openPage(browser, server.origin + p.path, { width });
      if (i === 0) {
        const icon = await iconProblem(page);
        if (icon) problems.push(icon);
      }
      for (const problem of problems) failures.push(`${label}: ${problem}`);
      const o = await overflow(page);
      if (o.excess > 0) {
        failures.push(`${label}: horizontal overflow of ${o.excess}px (scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}); sticking out: ${o.culprits.join("; ")}`);
      }
      const dirs = await page.evaluate(() => ({
        html: document.documentElement.dir || "ltr",
        story: document.querySelector("article.story")?.dir ?? null,
        storyComputed: (() => {
          const s = document.querySelector("article.story .story-body");
          return s ? getComputedStyle(s).direction : null;
        })(),
      }));
      if (p.dir) {
        if (dirs.html !== p.dir) failures.push(`${label}: <html dir> is ${dirs.html}, expected ${p.dir}`);
        if (dirs.story !== null && dirs.story !== p.dir) failures.push(`${label}: article.story dir is ${dirs.story}, expected ${p.dir}`);
        if (dirs.storyComputed !== null && dirs.storyComputed !== p.dir) failures.push(`${label}: the story body is laid out ${dirs.storyComputed}, expected ${p.dir}`);
      }
      const shot = join(artifacts, `${p.name}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      const entry = { name: p.name, path: p.path, width, overflow: o.excess, dir: dirs.html, screenshot: shot, problems: problems.length };
      if (p.axe && i === 0) {
        // Light, then dark (`prefers-color-scheme`): both must pass.
        const violations = await runAxe(page);
        await page.emulateMedia({ colorScheme: "dark" });
        for (const v of await runAxe(page)) violations.push({ ...v, id: `${v.id} (dark)` });
        await page.emulateMedia({ colorScheme: "light" });
        summary.axe[p.name] = {
          serious: violations.filter((v) => v.impact === "serious").length,
          critical: violations.filter((v) => v.impact === "critical").length,
          other: violations.filter((v) => v.impact !== "serious" && v.impact !== "critical").map((v) => `${v.id} (${v.impact})`),
        };
        for (const v of violations) {
          const line = `${p.name}: axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).join(" | ")}`;
          if (v.impact === "serious" || v.impact === "critical") failures.push(line);
          else console.error(`note: ${line}`);
        }
      }
      summary.pages.push(entry);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

writeFileSync(join(artifacts, "summary.json"), JSON.stringify({ ...summary, failures }, null, 2));
for (const f of failures) console.error(`FAIL: ${f}`);
console.log(JSON.stringify({ pages: summary.pages.length, axe: summary.axe, failures: failures.length }));
process.exit(failures.length ? 1 : 0);
