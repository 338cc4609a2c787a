#!/usr/bin/env node
// The README's screenshots, from a built demo site:
//
//   node screenshots.mjs --site ../../public --out ../../docs/screenshots [--prefix wire-] SHOT...
//
// SHOT is `name=/path/@WIDTHxHEIGHT` (the top HEIGHT pixels of the page at WIDTH);
// writes `<prefix><name>.png`. Light colour scheme, device scale 1.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { serveDir, launch, openPage } from "./lib.mjs";

const args = process.argv.slice(2);
let site, out, prefix = "";
const shots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--site") site = args[++i];
  else if (args[i] === "--out") out = args[++i];
  else if (args[i] === "--prefix") prefix = args[++i];
  else {
    const m = /^([\w-]+)=(\S+)@(\d+)x(\d+)$/.exec(args[i]);
    if (!m) throw new Error(`bad shot ${args[i]}: want name=/path/@1280x2600`);
    shots.push({ name: m[1], path: m[2], width: +m[3], height: +m[4] });
  }
}
if (!site || !out || !shots.length) {
  console.error("usage: node screenshots.mjs --site DIR --out DIR [--prefix P] name=/path/@WxH...");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const server = await serveDir(resolve(site));
const browser = await launch();
try {
  for (const s of shots) {
    const { page, context, problems } = await openPage(browser, server.origin + s.path, { width: s.width, colorScheme: "light" });
    if (problems.length) console.error(`${s.name}: ${problems.join("; ")}`);
    const file = join(out, `${prefix}${s.name}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: s.width, height: s.height } });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
