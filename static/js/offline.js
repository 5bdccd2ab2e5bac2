// Working without a connection, on the pages of a logged-in user: registers the service worker (static/js/sw.js),
// tells it whose pages these are and which gesprek to keep, says on a page that was kept when it was kept, and
// on logging out removes this user's kept pages and notes from the browser, after a warning when something
// typed has not reached the server yet.
(function () {
  "use strict";

  var body = document.body;
  var gebruiker = body.dataset.gebruiker;
  if (!gebruiker) return;
  var offlineSinds = body.dataset.offlineSinds;
  var GESPREK = /^\/gesprekken\/(\d+)\/(voeren|vragenlijst)\/$/;
  var SLEUTEL = "samenwerkingsgesprek:" + gebruiker + ":";
  var BEWAAR_NA_MS = 3000;

  function tijd(iso) {
    var datum = new Date(iso);
    var opties = { hour: "2-digit", minute: "2-digit" };
    if (datum.toDateString() !== new Date().toDateString()) {
      opties.day = "numeric";
      opties.month = "long";
    }
    return datum.toLocaleString("nl-NL", opties);
  }

  // The worker's scopes: the gesprekken and the aids. Not the whole site, so that the organisation's own pages
  // (/deelname/), login and admin never pass through it.
  var SCOPES = ["/gesprekken/", "/handreiking/"];
  var actief = null;

  function registreer() {
    return Promise.all(SCOPES.map(function (scope) {
      return navigator.serviceWorker.register("/sw.js", { scope: scope });
    })).then(function (registraties) {
      var registratie = registraties[0];
      if (registratie.active) return registratie.active;
      var nieuw = registratie.installing || registratie.waiting;
      return new Promise(function (klaar) {
        nieuw.addEventListener("statechange", function () {
          if (registratie.active) klaar(registratie.active);
        });
      });
    });
  }

  function naarWorker(bericht) {
    if (!actief) return Promise.resolve();
    var verstuurd = actief.then(function (worker) {
      return new Promise(function (klaar) {
        var kanaal = new MessageChannel();
        kanaal.port1.onmessage = function () { klaar(); };
        worker.postMessage(bericht, [kanaal.port2]);
      });
    }, function () {});
    // A worker that does not answer, or never got going, must not keep the inspector from logging out.
    return Promise.race([verstuurd, new Promise(function (klaar) { setTimeout(klaar, 3000); })]);
  }

  // A page kept earlier, shown without a connection: say so, unless autosave.js says it in its status line.
  // Made only then: one status region per page, and an empty one first, so screen readers announce the text.
  function toonOffline() {
    if (document.querySelector('script[src*="/js/autosave."]')) return;
    var status = document.createElement("div");
    status.id = "verbindingsstatus";
    status.className = "alert alert-warning";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.getElementById("inhoud").prepend(status);
    setTimeout(function () {
      status.textContent = "Geen verbinding met de server. Zonder verbinding sinds " + tijd(offlineSinds) +
        ". U ziet de versie van deze pagina van " + tijd(body.dataset.bewaardOp) + " die in deze browser bewaard is.";
    }, 100);
  }
  // After the page's own scripts are in the document: autosave.js, further down, may be among them.
  if (offlineSinds) document.addEventListener("DOMContentLoaded", toonOffline);

  if ("serviceWorker" in navigator) {
    actief = registreer();
    actief.catch(function () {});
    naarWorker({ soort: "gebruiker", gebruiker: gebruiker });
    var gesprek = GESPREK.exec(location.pathname);
    if (gesprek && !offlineSinds) {
      var paginas = ["/gesprekken/" + gesprek[1] + "/voeren/", "/gesprekken/" + gesprek[1] + "/vragenlijst/",
        "/handreiking/", "/handreiking/instrumenten/"];
      if (body.dataset.kader) paginas.push("/handreiking/kader/" + body.dataset.kader + "/");
      // A while after loading, not during it: the page's own requests (its first saves) go first.
      setTimeout(function () {
        naarWorker({ soort: "bewaar", gebruiker: gebruiker, paginas: paginas });
      }, BEWAAR_NA_MS);
    }
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});

  function wachtendeSleutels() {
    var sleutels = [];
    for (var i = 0; i < localStorage.length; i++) {
      var sleutel = localStorage.key(i);
      if (sleutel.indexOf(SLEUTEL) === 0) sleutels.push(sleutel);
    }
    return sleutels;
  }

  function uitloggen(formulier) {
    naarWorker({ soort: "vergeet", gebruiker: gebruiker }).then(function () {
      wachtendeSleutels().forEach(function (sleutel) { localStorage.removeItem(sleutel); });
      formulier.dataset.bevestigd = "ja";
      formulier.submit();
    });
  }

  function waarschuw(formulier, aantal) {
    var vak = document.getElementById("uitloggen-waarschuwing");
    if (!vak) {
      vak = document.createElement("div");
      vak.id = "uitloggen-waarschuwing";
      vak.className = "alert alert-danger";
      vak.setAttribute("role", "alert");
      vak.tabIndex = -1;
      document.getElementById("inhoud").prepend(vak);
    }
    vak.replaceChildren();
    var uitleg = document.createElement("p");
    uitleg.textContent = (aantal === 1 ? "1 aantekening is" : aantal + " aantekeningen zijn") +
      " nog niet op de server opgeslagen. Als u nu uitlogt, wist deze browser die tekst. Wacht tot de status " +
      "‘Alles opgeslagen’ zegt, of log toch uit.";
    var wachten = document.createElement("button");
    wachten.type = "button";
    wachten.className = "btn btn-primary me-2";
    wachten.textContent = "Wachten tot alles is opgeslagen";
    wachten.addEventListener("click", function () {
      vak.remove();
      window.dispatchEvent(new Event("online"));
    });
    var toch = document.createElement("button");
    toch.type = "button";
    toch.className = "btn btn-outline-danger";
    toch.textContent = "Toch uitloggen en de tekst wissen";
    toch.addEventListener("click", function () { uitloggen(formulier); });
    vak.append(uitleg, wachten, toch);
    vak.focus();
  }

  document.querySelectorAll("form.uitloggen").forEach(function (formulier) {
    formulier.addEventListener("submit", function (event) {
      if (formulier.dataset.bevestigd === "ja") return;
      event.preventDefault();
      var aantal = wachtendeSleutels().length;
      if (aantal) waarschuw(formulier, aantal);
      else uitloggen(formulier);
    });
  });
})();
