/* Cockpit service worker (scope /): opens the app offline with the last figures seen.
 * shell: Dash bundles and assets (fingerprinted: cache first).
 * data:  pages, Dash layouts and callback answers, network first, last good answer kept.
 * A page served from the cache is marked `is-offline`, which shows the banner
 * « Hors ligne — chiffres du …, non actualisés ». Logging out empties the data cache.
 */
"use strict";
const VERSION = "cockpit-1";
const SHELL = VERSION + "-shell";
const DATA = VERSION + "-data";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    await shell.addAll(["/manifest.webmanifest", "/assets/icons/icon-192.png"]).catch(() => {});
    try {
      // Home is plain HTML; a page with the Dash runtime lists the bundles to keep.
      const urls = new Set();
      for (const page of ["/", "/question"]) {
        const response = await fetch(page, { credentials: "same-origin" });
        if (!response.ok || response.redirected) { continue; }
        const html = await response.clone().text();
        for (const m of html.matchAll(/(?:src|href)="(\/(?:_dash-component-suites|assets)\/[^"]+)"/g)) {
          urls.add(m[1].replace(/&amp;/g, "&"));
        }
        await (await caches.open(DATA)).put(page, response);
      }
      await shell.addAll([...urls]);
    } catch (e) { /* offline at install: runtime caching fills in later */ }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL && name !== DATA) { await caches.delete(name); }
    }
    await self.clients.claim();
  })());
});

function tell(clientId, type) {
  if (!clientId) { return; }
  self.clients.get(clientId).then((client) => client && client.postMessage({ type }));
}

function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

function pageKey(url) { return url.pathname + url.search; }

async function markOffline(response) {
  const html = (await response.text()).replace(/<html([^>]*)>/, '<html$1 class="is-offline">');
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function loggedOut(response) {
  return response.redirected && new URL(response.url).pathname === "/login";
}

async function page(event) {
  const url = new URL(event.request.url);
  const data = await caches.open(DATA);
  if (url.pathname === "/logout" || url.pathname === "/login") {
    await caches.delete(DATA);
    return fetch(event.request);
  }
  try {
    const response = await fetch(event.request);
    if (loggedOut(response)) {
      await caches.delete(DATA);
    } else if (response.ok) {
      await data.put(pageKey(url), response.clone());
    }
    return response;
  } catch (error) {
    const cached = (await data.match(pageKey(url))) || (await data.match("/"));
    if (cached) { return markOffline(cached); }
    throw error;
  }
}

async function shell(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) { return hit; }
  const response = await fetch(request);
  if (response.ok) { cache.put(request, response.clone()); }
  return response;
}

async function lastGood(event, key, request) {
  const data = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.status === 401) { await caches.delete(DATA); }
    if (response.ok) {
      await data.put(key, response.clone());
      tell(event.clientId, "fresh");
    }
    return response;
  } catch (error) {
    const cached = await data.match(key);
    if (cached) {
      tell(event.clientId, "stale");
      return cached;
    }
    tell(event.clientId, "missing");
    // No answer seen yet for this: Dash reads 204 as "nothing to update".
    return new Response(null, { status: 204 });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (request.method === "GET" && (url.pathname.startsWith("/_dash-component-suites/") ||
             url.pathname.startsWith("/assets/"))) {
    event.respondWith(shell(request));
  } else if (request.method === "GET" && (url.pathname === "/_dash-layout" ||
             url.pathname === "/_dash-dependencies")) {
    const referrer = request.referrer && request.referrer.startsWith(self.location.origin)
      ? pageKey(new URL(request.referrer)) : "/";
    const key = url.pathname === "/_dash-layout"
      ? "/__cockpit/layout?page=" + encodeURIComponent(referrer) : url.pathname;
    event.respondWith(lastGood(event, key, request));
  } else if (request.method === "POST" && url.pathname === "/_dash-update-component") {
    event.respondWith(request.clone().text().then((body) =>
      lastGood(event, "/__cockpit/callback/" + hash(body), request)));
  }
});
