// The service worker: keeps the gesprekken an inspector opened, so they open without a connection.
//
// Served by samenwerking/offline.py at /sw.js, which puts self.OFFLINE in front of this file: the version
// and the real (hashed) URLs of the static files the pages need. static/js/offline.js registers it for
// /gesprekken/ and /handreiking/ only: the organisation's pages (/deelname/), login and admin never reach it. Pages are kept per user, in a cache of
// their own that a new version of this worker leaves alone, and only served while that user is the last
// one the pages named (static/js/offline.js tells). What is typed is not kept here but by autosave.js, in
// localStorage; this worker never touches a POST, so saving goes exactly as without it.
/* global self, caches, fetch, Response, URL */
"use strict";

var STATISCH = "samenwerking-statisch";
var STAAT = "samenwerking-staat";
var STAAT_URL = "/offline/staat";
var PAGINAS = "samenwerking-paginas-";
// A gesprek's pages and the aids; never /deelname/, admin, login, PDFs or exports.
var PAGINA = /^\/(gesprekken\/(\d+)\/(voeren|vragenlijst)\/|handreiking\/(instrumenten\/|kader\/\d+\/)?)$/;
// A companion page fetched for later is fetched again after this long, not on every visit.
var VERS_MS = 10 * 60 * 1000;

function leesStaat() {
  return caches.open(STAAT).then(function (cache) {
    return cache.match(STAAT_URL).then(function (antwoord) {
      return antwoord ? antwoord.json() : { gebruiker: null, offlineSinds: null };
    });
  });
}

function wijzigStaat(wijziging) {
  return leesStaat().then(function (staat) {
    var nieuw = Object.assign({}, staat, wijziging);
    if (nieuw.gebruiker === staat.gebruiker && nieuw.offlineSinds === staat.offlineSinds) return staat;
    return caches.open(STAAT).then(function (cache) {
      var inhoud = new Response(JSON.stringify(nieuw), { headers: { "Content-Type": "application/json" } });
      return cache.put(STAAT_URL, inhoud).then(function () { return nieuw; });
    });
  });
}

function statischeUrls(html) {
  var urls = [];
  var patroon = /(?:src|href)="(\/static\/[^"]+)"/g;
  var gevonden;
  while ((gevonden = patroon.exec(html))) urls.push(gevonden[1]);
  return urls;
}

function paginaCaches() {
  return caches.keys().then(function (namen) {
    return namen.filter(function (naam) { return naam.indexOf(PAGINAS) === 0; });
  });
}

// Keeps the new version's files beside the old ones: a page kept earlier still names the old files.
self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATISCH).then(function (cache) {
      return Promise.all(self.OFFLINE.statisch.map(function (url) {
        return cache.match(url).then(function (al) { return al || cache.add(url); });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

// Drops static files that neither this version nor any kept page needs; kept pages and the state stay.
self.addEventListener("activate", function (event) {
  event.waitUntil(
    paginaCaches().then(function (namen) {
      var nodig = new Set(self.OFFLINE.statisch);
      return Promise.all(namen.map(function (naam) {
        return caches.open(naam).then(function (cache) {
          return cache.keys().then(function (verzoeken) {
            return Promise.all(verzoeken.map(function (verzoek) {
              return cache.match(verzoek).then(function (a) { return a.text(); }).then(function (html) {
                statischeUrls(html).forEach(function (url) { nodig.add(url); });
              });
            }));
          });
        });
      })).then(function () {
        return caches.open(STATISCH).then(function (cache) {
          return cache.keys().then(function (verzoeken) {
            return Promise.all(verzoeken.map(function (verzoek) {
              var pad = new URL(verzoek.url).pathname;
              return nodig.has(pad) ? null : cache.delete(verzoek);
            }));
          });
        });
      });
    }).then(function () { return self.clients.claim(); })
  );
});

function statischBestand(verzoek) {
  return caches.open(STATISCH).then(function (cache) {
    return cache.match(verzoek).then(function (bewaard) {
      if (bewaard) return bewaard;
      return fetch(verzoek).then(function (antwoord) {
        // Hashed names never change content, so what came once can be kept.
        if (antwoord.ok && /\.[0-9a-f]{12}\./.test(verzoek.url)) cache.put(verzoek, antwoord.clone());
        return antwoord;
      });
    });
  });
}

function gebruikerVan(html) {
  var gevonden = /<body[^>]*\sdata-gebruiker="(\d+)"/.exec(html);
  return gevonden ? gevonden[1] : null;
}

// Keeps a page as the server gave it, for the user the page names: never a page without one.
function bewaar(pad, antwoord) {
  return antwoord.text().then(function (html) {
    var gebruiker = gebruikerVan(html);
    if (!gebruiker) return null;
    return wijzigStaat({ gebruiker: gebruiker, offlineSinds: null }).then(function () {
      return caches.open(PAGINAS + gebruiker);
    }).then(function (cache) {
      var kopie = new Response(html, {
        headers: { "Content-Type": "text/html; charset=utf-8", "X-Bewaard-Op": new Date().toISOString() },
      });
      return cache.put(pad, kopie);
    });
  });
}

// The server says this user may not (or no longer) see this gesprek: nothing of it stays.
function vergeetGesprek(gesprek) {
  return paginaCaches().then(function (namen) {
    return Promise.all(namen.map(function (naam) {
      return caches.open(naam).then(function (cache) {
        return Promise.all(["voeren", "vragenlijst"].map(function (deel) {
          return cache.delete("/gesprekken/" + gesprek + "/" + deel + "/");
        }));
      });
    }));
  });
}

function vergeetGebruiker(gebruiker) {
  return caches.delete(PAGINAS + gebruiker).then(leesStaat).then(function (staat) {
    if (staat.gebruiker === String(gebruiker)) return wijzigStaat({ gebruiker: null });
    return staat;
  });
}

function geenVerbindingPagina() {
  var html =
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>Geen verbinding – Samenwerkingsgesprek</title>" +
    (self.OFFLINE.statisch[0] ? '<link rel="stylesheet" href="' + self.OFFLINE.statisch[0] + '">' : "") +
    '</head><body><main class="container my-4"><h1>Geen verbinding</h1>' +
    "<p>De server is niet te bereiken en deze pagina is niet in deze browser bewaard. Alleen een gesprek dat u " +
    "eerder met verbinding opende (<em>Gesprek voeren</em>, de vragenlijst en de handreiking) is zonder " +
    "verbinding te openen.</p></main></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// No answer from the server: the kept page of the last known user, marked as such for offline.js.
function uitCache(pad) {
  return wijzigStaat({}).then(function (staat) {
    if (!staat.offlineSinds) return wijzigStaat({ offlineSinds: new Date().toISOString() });
    return staat;
  }).then(function (staat) {
    if (!staat.gebruiker) return geenVerbindingPagina();
    return caches.open(PAGINAS + staat.gebruiker).then(function (cache) {
      return cache.match(pad);
    }).then(function (bewaard) {
      if (!bewaard) return geenVerbindingPagina();
      var bewaardOp = bewaard.headers.get("X-Bewaard-Op") || "";
      return bewaard.text().then(function (html) {
        var gemarkeerd = html.replace(
          /<body/,
          '<body data-offline-sinds="' + staat.offlineSinds + '" data-bewaard-op="' + bewaardOp + '"'
        );
        return new Response(gemarkeerd, { headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    });
  });
}

function pagina(event, pad) {
  return fetch(event.request).then(function (antwoord) {
    var gesprek = PAGINA.exec(pad)[2];
    if (antwoord.status >= 502 && antwoord.status <= 504) return uitCache(pad);
    if (gesprek && (antwoord.status === 403 || antwoord.status === 404)) {
      event.waitUntil(vergeetGesprek(gesprek));
    } else if (antwoord.status === 200 && antwoord.type === "basic" && !antwoord.redirected) {
      event.waitUntil(bewaar(pad, antwoord.clone()));
    }
    return antwoord;
  }, function () {
    return uitCache(pad);
  });
}

self.addEventListener("fetch", function (event) {
  var verzoek = event.request;
  if (verzoek.method !== "GET") return;
  var url = new URL(verzoek.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(statischBestand(verzoek));
  } else if (verzoek.mode === "navigate" && !url.search && PAGINA.test(url.pathname)) {
    event.respondWith(pagina(event, url.pathname));
  }
});

// The companion pages of a gesprek just opened, fetched for later unless kept a short while ago (or `vers`:
// the page saved notes since, so its kept copy is behind).
function bewaarErbij(gebruiker, paginas, vers) {
  return caches.open(PAGINAS + gebruiker).then(function (cache) {
    return paginas.reduce(function (vorige, pad) {
      return vorige.then(function () {
        return cache.match(pad).then(function (bewaard) {
          var op = bewaard && Date.parse(bewaard.headers.get("X-Bewaard-Op") || "");
          if (op && !vers && Date.now() - op < VERS_MS) return null;
          // The header tells the audit log this read was the worker keeping the page, not the inspector opening it.
          var kopregels = { "X-Bewaren-Zonder-Verbinding": "1" };
          var verzoek = { credentials: "same-origin", redirect: "manual", headers: kopregels };
          return fetch(pad, verzoek).then(function (antwoord) {
            var gesprek = PAGINA.exec(pad) && PAGINA.exec(pad)[2];
            if (gesprek && (antwoord.status === 403 || antwoord.status === 404)) return vergeetGesprek(gesprek);
            if (antwoord.status === 200 && antwoord.type === "basic") return bewaar(pad, antwoord);
            return null;
          }, function () { return null; });
        });
      });
    }, Promise.resolve());
  });
}

self.addEventListener("message", function (event) {
  var bericht = event.data || {};
  var klaar;
  if (bericht.soort === "gebruiker") {
    klaar = wijzigStaat({ gebruiker: String(bericht.gebruiker) });
  } else if (bericht.soort === "online") {
    klaar = wijzigStaat({ offlineSinds: null });
  } else if (bericht.soort === "bewaar") {
    klaar = bewaarErbij(String(bericht.gebruiker), bericht.paginas.filter(function (pad) {
      return PAGINA.test(pad);
    }), !!bericht.vers);
  } else if (bericht.soort === "vergeet") {
    klaar = vergeetGebruiker(bericht.gebruiker);
  } else {
    return;
  }
  var antwoord = function () { if (event.ports[0]) event.ports[0].postMessage({ klaar: true }); };
  event.waitUntil(klaar.then(antwoord, antwoord));
});
