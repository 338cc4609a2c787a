// Helpers for driving Debian's headless Chromium against a local site, shared by
// check.mjs (the theme test), lighthouse.mjs, and any other test that needs a real
// browser (a live-reload test of `broadsheet serve`, say):
//
//   import { serveDir, launch, openPage, overflow, runAxe } from "./lib.mjs";
//
// Nothing here downloads a browser: Chromium comes from the system (`apt-get install
// chromium`), at CHROMIUM_PATH or /usr/bin/chromium.

import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/// Flags that keep Chromium quiet on a machine without network access: no
/// background connections, no first-run work, no sandbox (CI runs as root).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--mute-audio",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/// Serves the folder `root` on 127.0.0.1 (a free port unless given), the way a
/// static host would: `dir/` serves `dir/index.html`, a missing file gets
/// `404.html` with status 404. Returns `{ origin, close(), requests }`, where
/// `requests` lists every path asked for.
export async function serveDir(root, { port = 0 } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) {
        res.writeHead(301, { location: path + "/" }).end();
        return;
      }
      file = join(file, "index.html");
    }
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(root, "404.html");
      if (!existsSync(file)) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
    }
    const type = TYPES[extname(file).toLowerCase()] || "application/octet-stream";
    // Fingerprinted assets (style.<hash>.css) may be cached forever, like a real host would.
    const cache = /\.[0-9a-f]{16}\.(css|js)$/.test(file)
      ? "public, max-age=31536000, immutable"
      : "no-cache";
    res.writeHead(status, { "content-type": type, "cache-control": cache });
    res.end(readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/// True when a system Chromium is there to drive.
export function haveChromium() {
  return existsSync(CHROMIUM_PATH);
}

/// Starts headless Chromium through playwright-core. Close it with `browser.close()`.
export async function launch(options = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/// Opens `url` in a fresh context `width` CSS pixels wide and records what goes
/// wrong: console errors, uncaught exceptions, failed requests and requests to
/// any other origin than `origin` (which are blocked, and reported). Returns
/// `{ page, context, problems }`; close `context` when done.
export async function openPage(browser, url, { width = 1280, height = 900, origin, colorScheme } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme,
  });
  const page = await context.newPage();
  const problems = [];
  const allowed = origin || new URL(url).origin;
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(allowed + "/") || u.startsWith("data:")) return route.continue();
    problems.push(`request to another origin: ${u}`);
    return route.abort();
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on("requestfailed", (req) => {
    if (req.url().startsWith(allowed)) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && res.url() !== url) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || response.status() >= 400) {
    problems.push(`HTTP ${response ? response.status() : "no response"}: ${url}`);
  }
  await page.evaluate(() => document.fonts.ready);
  return { page, context, problems };
}

/// Horizontal overflow of the page: how far the document is wider than the
/// viewport, and the widest elements that stick out (for the message).
export async function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const excess = root.scrollWidth - root.clientWidth;
    const culprits = [];
    if (excess > 0) {
      // Elements inside a scrolling or clipping box (a nav strip) do not widen the page.
      const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if ((r.right > root.clientWidth + 1 || r.left < -1) && !clipped(el)) {
          const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
          culprits.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
          if (culprits.length >= 5) break;
        }
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, excess, culprits };
  });
}

/// Runs axe-core (WCAG 2.x A and AA plus best practices) in the page. Returns the
/// violations, each `{ id, impact, help, nodes: [selector…] }`.
export async function runAxe(page, { tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } = {}) {
  const axe = require("axe-core");
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly: { type: "tag", values: runOnly }, resultTypes: ["violations"] }),
    tags,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/// Browsers fetch the page's icon (`<link rel="icon">`, else `/favicon.ico`) outside
/// the page, and log a console error when it is missing; headless Chromium under
/// Playwright does not, so ask for it here. Returns a problem, or null.
export async function iconProblem(page) {
  const href = await page.evaluate(() => {
    const link = document.querySelector('link[rel~="icon"]');
    return link ? link.href : new URL("/favicon.ico", location.href).href;
  });
  if (href.startsWith("data:")) return null;
  const res = await page.request.get(href);
  return res.ok() ? null : `icon ${href}: HTTP ${res.status()} (browsers log this as a console error)`;
}
