// Saves every note while the inspector types, without a save button.
//
// What is typed goes to localStorage first and is only removed from there once the server confirmed it,
// so a dropped connection, a reload or a crashed browser loses nothing. Each field has at most one save
// in flight and always sends its newest text, so saves never arrive out of order. The server refuses a
// save based on an old version (a colleague saved first); then both texts are shown and the inspector
// chooses or merges. A field's buttons (a criterion's observation, the scale of an instrument's field) are
// sent under the name its `data-keuzeveld` gives, "observatie" unless it says otherwise.
//
// Without a connection the fields stop sending one by one: what is typed waits in localStorage (per user, when
// the page names one, and per note) and is sent as an outbox, in the order it was first typed, once the server
// answers again, also on a page the service worker (static/js/sw.js) showed from its cache after a browser
// restart. Before the outbox goes out, the page asks the server who is logged in and gets a fresh CSRF token.
(function () {
  "use strict";

  var WACHTTIJD_MS = 700;
  var MAX_HERHAAL_MS = 15000;
  var TERUGGEZET = "Niet-opgeslagen tekst van dit apparaat is teruggezet.";
  var statusregel = document.getElementById("opslagstatus");
  var beginTekst = statusregel.textContent;
  var velden = [];
  var laatstOpgeslagen = "";
  var algemeneFout = "";
  var NIET_INGELOGD =
    "Niet opgeslagen: u bent niet meer ingelogd. Log opnieuw in (bijvoorbeeld in een nieuw tabblad); " +
    "uw tekst blijft in deze browser bewaard en wordt daarna vanzelf opgeslagen.";
  var inloglink = document.getElementById("opnieuw-inloggen");
  var WACHT_OP_VERBINDING = "Niet opgeslagen – wacht op verbinding.";
  var MAX_UITVOER_MS = 5000;
  var gebruiker = document.body.dataset.gebruiker || "";
  var VOORVOEGSEL = gebruiker ? "samenwerkingsgesprek:" + gebruiker + ":aantekening:"
    : "samenwerkingsgesprek:aantekening:";
  // Set by the service worker on a page it showed from its cache: since when the server did not answer.
  var offlineSinds = document.body.dataset.offlineSinds ? new Date(document.body.dataset.offlineSinds) : null;
  var bewaardOp = document.body.dataset.bewaardOp ? new Date(document.body.dataset.bewaardOp) : null;
  var versToken = "";
  var uitvoer = { bezig: false, opnieuw: false, timer: null, herhaalMs: 1000 };
  // After saves go quiet, the service worker fetches this page again, so its kept copy holds what was saved.
  var VERVERS_NA_MS = 20000;
  var verversTimer = null;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : versToken;
  }

  function tijd(datum) {
    var opties = { hour: "2-digit", minute: "2-digit" };
    if (datum.toDateString() !== new Date().toDateString()) {
      opties.day = "numeric";
      opties.month = "long";
    }
    return datum.toLocaleString("nl-NL", opties);
  }

  function offlineTekst(wachtend) {
    var tekst = (wachtend ? "Niet opgeslagen: geen verbinding met de server. " : "Geen verbinding met de server. ") +
      "Zonder verbinding sinds " + tijd(offlineSinds) + ".";
    if (bewaardOp) tekst += " U ziet de versie van deze pagina van " + tijd(bewaardOp) + ".";
    if (wachtend) {
      tekst += " " + (wachtend === 1 ? "1 aantekening wacht" : wachtend + " aantekeningen wachten") +
        " veilig in deze browser en " + (wachtend === 1 ? "wordt" : "worden") +
        " verstuurd zodra de server weer antwoordt.";
    } else {
      tekst += " Wat u typt, blijft in deze browser bewaard en wordt verstuurd zodra de server weer antwoordt.";
    }
    return tekst;
  }

  function toonStatus() {
    var wachtend = velden.filter(function (v) { return v.nietOpgeslagen(); }).length;
    var conflicten = velden.filter(function (v) { return v.conflict; }).length;
    var tekst;
    var fout = false;
    if (offlineSinds && (wachtend || bewaardOp)) {
      tekst = offlineTekst(wachtend);
      fout = true;
    } else if (algemeneFout && wachtend) {
      tekst = algemeneFout;
      fout = true;
    } else if (conflicten) {
      tekst = "Let op: " + conflicten + " aantekening(en) met een wijziging van een collega. Kies welke tekst blijft.";
      fout = true;
    } else if (wachtend) {
      tekst = "Bezig met opslaan…";
    } else if (laatstOpgeslagen) {
      tekst = "Alles opgeslagen om " + laatstOpgeslagen + ".";
    } else {
      tekst = beginTekst;
    }
    if (statusregel.textContent !== tekst) statusregel.textContent = tekst;
    statusregel.classList.toggle("fout", fout);
    if (inloglink) inloglink.hidden = !(algemeneFout === NIET_INGELOGD && wachtend);
  }

  function Veld(element) {
    this.element = element;
    this.id = element.dataset.aantekening;
    this.url = element.dataset.url;
    this.versie = parseInt(element.dataset.versie, 10);
    this.tekstveld = element.querySelector("textarea");
    this.keuzes = element.querySelectorAll("input[type=radio]");
    this.keuzeveld = element.dataset.keuzeveld || "observatie";
    this.veldstatus = element.querySelector(".veldstatus");
    this.conflictvak = element.querySelector(".conflict");
    this.sleutel = VOORVOEGSEL + this.id;
    this.oudeSleutel = "samenwerkingsgesprek:aantekening:" + this.id;
    this.bezig = false;
    this.opnieuw = false;
    this.timer = null;
    this.herhaalMs = 1000;
    this.conflict = null;
    // Texts sent without an answer that says whether they were stored: a dropped connection or a worker
    // killed after its commit may have stored one. A refusal that shows one of them is our own save, not a
    // colleague's.
    this.onbevestigd = [];
    // Text restored from localStorage after a reload differs from what the server holds; the field says so
    // until the server has it, also while saving keeps failing.
    this.teruggezet = false;
    this.bevestigd = this.waarde();

    var veld = this;
    this.tekstveld.addEventListener("input", function () { veld.gewijzigd(); });
    this.keuzes.forEach(function (keuze) {
      keuze.addEventListener("change", function () { veld.gewijzigd(); });
    });
  }

  Veld.prototype.waarde = function () {
    var gekozen = this.element.querySelector("input[type=radio]:checked");
    return { tekst: this.tekstveld.value, keuze: gekozen ? gekozen.value : "" };
  };

  Veld.prototype.vanServer = function (inhoud) {
    return { tekst: inhoud.tekst, keuze: inhoud[this.keuzeveld] || "" };
  };

  function gelijk(a, b) {
    return a.tekst === b.tekst && a.keuze === b.keuze;
  }

  Veld.prototype.zetWaarde = function (waarde) {
    this.tekstveld.value = waarde.tekst;
    this.keuzes.forEach(function (knop) { knop.checked = knop.value === waarde.keuze; });
  };

  Veld.prototype.lokaal = function () {
    try {
      // Kept before keys named the user: it was typed on this page's note, so it is this user's.
      var oud = this.sleutel !== this.oudeSleutel && localStorage.getItem(this.oudeSleutel);
      if (oud) {
        localStorage.setItem(this.sleutel, oud);
        localStorage.removeItem(this.oudeSleutel);
      }
      var lokaal = JSON.parse(localStorage.getItem(this.sleutel) || "null");
      // Kept before the buttons' value was called "keuze" here: an observation typed before an upgrade.
      if (lokaal && lokaal.keuze === undefined) lokaal.keuze = lokaal.observatie || "";
      return lokaal;
    } catch (e) {
      return null;
    }
  };

  Veld.prototype.nietOpgeslagen = function () {
    return this.lokaal() !== null;
  };

  Veld.prototype.bewaarLokaal = function () {
    var waarde = this.waarde();
    var vorige = this.lokaal();
    // The outbox sends in the order the texts were first typed.
    waarde.volgorde = (vorige && vorige.volgorde) || Date.now();
    waarde.versie = this.versie;
    waarde.onbevestigd = this.onbevestigd;
    waarde.bewaard = Date.now();
    try {
      localStorage.setItem(this.sleutel, JSON.stringify(waarde));
    } catch (e) {
      this.meld("Deze browser kan de tekst niet tijdelijk bewaren; sla niet op een ander apparaat op.", true);
    }
  };

  Veld.prototype.meld = function (tekst, fout) {
    this.veldstatus.textContent = this.teruggezet ? TERUGGEZET + " " + tekst : tekst;
    this.veldstatus.classList.toggle("text-danger", !!fout);
    this.veldstatus.classList.toggle("fw-semibold", !!fout);
  };

  Veld.prototype.gewijzigd = function () {
    this.bewaarLokaal();
    this.meld(offlineSinds ? WACHT_OP_VERBINDING : "Nog niet opgeslagen…", !!offlineSinds);
    toonStatus();
    // Without a connection the outbox sends it, in order, once the server answers.
    if (this.conflict || offlineSinds) return;
    clearTimeout(this.timer);
    var veld = this;
    this.timer = setTimeout(function () { veld.verstuur(); }, WACHTTIJD_MS);
  };

  Veld.prototype.planOpnieuw = function () {
    clearTimeout(this.timer);
    var veld = this;
    this.timer = setTimeout(function () { veld.verstuur(); }, this.herhaalMs);
    this.herhaalMs = Math.min(this.herhaalMs * 2, MAX_HERHAAL_MS);
  };

  // Resolves once the server answered (or did not): the outbox sends the next field only then.
  Veld.prototype.verstuur = function () {
    if (this.conflict || !this.nietOpgeslagen()) return Promise.resolve();
    if (this.bezig) {
      this.opnieuw = true;
      return this.lopend;
    }
    this.bezig = true;
    var veld = this;
    var waarde = this.waarde();
    this.onthoudVerstuurd(waarde);
    var gegevens = new FormData();
    gegevens.append("tekst", waarde.tekst);
    gegevens.append(this.keuzeveld, waarde.keuze);
    gegevens.append("versie", String(this.versie));
    this.lopend = fetch(this.url, {
      method: "POST",
      body: gegevens,
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
      redirect: "manual",
    })
      .then(function (antwoord) {
        var isJson = (antwoord.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return (isJson ? antwoord.json() : Promise.resolve({})).then(function (inhoud) {
          veld.verwerk(antwoord.status, inhoud, waarde);
        });
      })
      .catch(function () {
        geenVerbinding();
        veld.meld(WACHT_OP_VERBINDING, true);
      })
      .then(function () {
        veld.bezig = false;
        toonStatus();
        if (veld.opnieuw) {
          veld.opnieuw = false;
          if (!offlineSinds) return veld.verstuur();
        }
      });
    return this.lopend;
  };

  Veld.prototype.onthoudVerstuurd = function (waarde) {
    if (this.eigenTekst(waarde)) return;
    this.onbevestigd = this.onbevestigd.concat([{ tekst: waarde.tekst, keuze: waarde.keuze }]).slice(-5);
    this.bewaarLokaal();
  };

  Veld.prototype.eigenTekst = function (waarde) {
    return this.onbevestigd.some(function (eigen) {
      if (eigen.keuze === undefined) eigen = { tekst: eigen.tekst, keuze: eigen.observatie || "" };
      return gelijk(eigen, waarde);
    });
  };

  Veld.prototype.verwerk = function (status, inhoud, verstuurd) {
    // A 200 without a version did not come from the endpoint (a proxy's page, say): nothing was stored.
    if (status === 200 && typeof inhoud.versie === "number") {
      algemeneFout = "";
      this.herhaalMs = 1000;
      this.onbevestigd = [];
      this.versie = inhoud.versie;
      this.bevestigd = this.vanServer(inhoud);
      if (gelijk(this.waarde(), verstuurd)) {
        localStorage.removeItem(this.sleutel);
        this.teruggezet = false;
        this.meld("Opgeslagen om " + inhoud.opgeslagen_om + ".");
      } else {
        this.bewaarLokaal();
        this.opnieuw = true;
      }
      laatstOpgeslagen = inhoud.opgeslagen_om;
      planVerversen();
    } else if (status === 409 && inhoud.code === "conflict" && this.eigenTekst(this.vanServer(inhoud.server))) {
      // Our own earlier save got through, only its answer was lost: send the newest text on top of it.
      this.versie = inhoud.server.versie;
      this.bevestigd = this.vanServer(inhoud.server);
      this.bewaarLokaal();
      this.opnieuw = true;
    } else if (status === 409 && inhoud.code === "conflict") {
      this.toonConflict(inhoud.server);
    } else if (status === 401 || status === 403 || status === 0) {
      algemeneFout = NIET_INGELOGD;
      // A lost session also loses the CSRF token ("verlopen"); logging in again is all it takes, no reload.
      var melding = inhoud.code === "verlopen" ? "" : inhoud.melding;
      this.meld(melding || "Niet opgeslagen – log opnieuw in.", true);
      this.planOpnieuw();
    } else if (status === 404 && inhoud.code === "verdwenen") {
      // Gone with its list: the new notes have other ids, so after a reload this text is nowhere to be found.
      this.meld("Niet opgeslagen. " + inhoud.melding, true);
    } else if (status === 409 || status === 422 || status === 404 || status === 413) {
      this.meld("Niet opgeslagen: " + (inhoud.melding || "deze aantekening bestaat niet meer.") +
        " Uw tekst blijft in deze browser bewaard.", true);
    } else {
      algemeneFout = "Niet opgeslagen: de server geeft een fout. Uw tekst staat veilig in deze browser; " +
        "we proberen het zo opnieuw.";
      this.meld("Niet opgeslagen – we proberen het opnieuw.", true);
      this.planOpnieuw();
    }
  };

  Veld.prototype.toonConflict = function (server) {
    var veld = this;
    this.conflict = server;
    var vak = this.conflictvak;
    vak.hidden = false;
    vak.className = "conflict alert alert-warning mt-2";
    vak.replaceChildren();
    var uitleg = document.createElement("p");
    uitleg.textContent = (server.door || "Een collega") + " heeft deze aantekening om " + server.opgeslagen_om +
      " gewijzigd. Uw tekst is niet verloren. De tekst van " + (server.door || "uw collega") + ":";
    var tekst = document.createElement("blockquote");
    tekst.className = "border-start ps-2 tekst";
    tekst.textContent = server.tekst || "(leeg)";
    vak.append(uitleg, tekst);
    [
      ["Mijn tekst behouden", function () { return veld.waarde(); }],
      ["Tekst van collega overnemen", function () { return veld.vanServer(server); }],
      ["Beide samenvoegen", function () {
        var mijn = veld.waarde();
        return { tekst: server.tekst + "\n\n" + mijn.tekst, keuze: mijn.keuze || veld.vanServer(server).keuze };
      }],
    ].forEach(function (keuze) {
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "btn btn-sm btn-outline-dark me-2";
      knop.textContent = keuze[0];
      knop.addEventListener("click", function () { veld.losConflictOp(keuze[1]()); });
      vak.append(knop);
    });
    this.meld("Niet opgeslagen – kies welke tekst blijft.", true);
  };

  Veld.prototype.losConflictOp = function (waarde) {
    this.zetWaarde(waarde);
    this.versie = this.conflict.versie;
    this.conflict = null;
    this.onbevestigd = [];
    this.conflictvak.hidden = true;
    this.conflictvak.replaceChildren();
    this.bewaarLokaal();
    this.tekstveld.focus();
    this.verstuur();
  };

  Veld.prototype.herstelLokaal = function () {
    var lokaal = this.lokaal();
    if (!lokaal) return;
    if (gelijk(lokaal, this.bevestigd)) {
      localStorage.removeItem(this.sleutel);
      return;
    }
    this.zetWaarde(lokaal);
    this.versie = lokaal.versie;
    this.onbevestigd = lokaal.onbevestigd || [];
    this.teruggezet = true;
    this.meld(offlineSinds ? WACHT_OP_VERBINDING : "Bezig met opslaan…", !!offlineSinds);
  };

  function planVerversen() {
    var worker = gebruiker && navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!worker) return;
    clearTimeout(verversTimer);
    verversTimer = setTimeout(function () {
      worker.postMessage({ soort: "bewaar", gebruiker: gebruiker, paginas: [location.pathname], vers: true });
    }, VERVERS_NA_MS);
  }

  function geenVerbinding() {
    if (!offlineSinds) offlineSinds = new Date();
    velden.forEach(function (veld) {
      if (veld.nietOpgeslagen() && !veld.conflict && !veld.bezig) veld.meld(WACHT_OP_VERBINDING, true);
    });
    planUitvoer();
  }

  function verbonden() {
    if (!offlineSinds) return;
    offlineSinds = null;
    bewaardOp = null;
    algemeneFout = "";
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ soort: "online" });
  }

  function planUitvoer() {
    clearTimeout(uitvoer.timer);
    uitvoer.timer = setTimeout(verstuurUitvoer, uitvoer.herhaalMs);
    uitvoer.herhaalMs = Math.min(uitvoer.herhaalMs * 2, MAX_UITVOER_MS);
  }

  // Does the server answer, and is the user who typed logged in? Then with a fresh CSRF token. A page
  // without a user (an organisation's own page) only has its token in the cookie.
  function peil() {
    if (!gebruiker) return Promise.resolve("ja");
    return fetch("/offline/verbinding/", {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      redirect: "manual",
      cache: "no-store",
    }).then(function (antwoord) {
      if (antwoord.status >= 500) return "server";
      if (!antwoord.ok) return "inloggen";
      return antwoord.json().then(function (inhoud) {
        versToken = inhoud.csrf || "";
        return String(inhoud.gebruiker) === gebruiker ? "ja" : "inloggen";
      });
    }, function () {
      return "geen verbinding";
    });
  }

  function verstuurUitvoer() {
    clearTimeout(uitvoer.timer);
    if (uitvoer.bezig) {
      uitvoer.opnieuw = true;
      return;
    }
    var wachtend = velden.filter(function (v) { return v.nietOpgeslagen() && !v.conflict; });
    if (!wachtend.length && !offlineSinds) return;
    uitvoer.bezig = true;
    peil()
      .then(function (uitslag) {
        if (uitslag === "geen verbinding" || uitslag === "server") {
          geenVerbinding();
          return;
        }
        verbonden();
        if (uitslag === "inloggen") {
          algemeneFout = NIET_INGELOGD;
          wachtend.forEach(function (v) { v.meld("Niet opgeslagen – log opnieuw in.", true); });
          planUitvoer();
          return;
        }
        uitvoer.herhaalMs = 1000;
        wachtend.sort(function (a, b) { return (a.lokaal() || {}).volgorde - (b.lokaal() || {}).volgorde; });
        return wachtend.reduce(function (vorige, veld) {
          return vorige.then(function () { return offlineSinds ? null : veld.verstuur(); });
        }, Promise.resolve());
      })
      .then(function () {
        uitvoer.bezig = false;
        toonStatus();
        if (uitvoer.opnieuw) {
          uitvoer.opnieuw = false;
          verstuurUitvoer();
        }
      });
  }

  document.querySelectorAll(".aantekening-veld").forEach(function (element) {
    velden.push(new Veld(element));
  });
  velden.forEach(function (veld) { veld.herstelLokaal(); });
  toonStatus();
  verstuurUitvoer();

  function probeerAllesOpnieuw() {
    velden.forEach(function (veld) { veld.herhaalMs = 1000; });
    uitvoer.herhaalMs = 1000;
    verstuurUitvoer();
  }
  window.addEventListener("online", probeerAllesOpnieuw);
  window.addEventListener("focus", probeerAllesOpnieuw);
  // Back on this tab, perhaps after logging in again in another one.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") probeerAllesOpnieuw();
  });
})();
