// Finds a known organisation as the inspector types its name, without reloading the page.
//
// The name field has a <datalist>: the browser shows its options under the field and reads them out as a
// combobox, by keyboard and screen reader alike. As the inspector types, the options are fetched from the
// server (organisaties:suggesties). Choosing one fills in its kind and how it names the people it serves; any
// other name becomes a new organisation when the form is saved.
(function () {
  "use strict";

  var WACHTTIJD_MS = 250;
  var lijst = document.getElementById("organisatie-suggesties");
  var veld = document.querySelector("input[list='organisatie-suggesties']");
  var status = document.getElementById("organisatie-status");
  if (!lijst || !veld) {
    return;
  }
  var bekend = {};
  var timer = null;
  var laatsteVraag = "";

  function melden(tekst) {
    if (status) {
      status.textContent = tekst;
    }
  }

  function kies(select, waarde) {
    if (!select) {
      return false;
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === waarde) {
        select.value = waarde;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
      }
    }
    return false;
  }

  function invullen(organisatie) {
    kies(document.getElementById("id_organisatie_type"), organisatie.soort);
    var doelgroep = document.getElementById("id_doelgroep");
    if (!kies(doelgroep, organisatie.doelgroep_meervoud)) {
      kies(doelgroep, "anders");
      var meervoud = document.getElementById("id_ander_meervoud");
      var enkelvoud = document.getElementById("id_ander_enkelvoud");
      if (meervoud) { meervoud.value = organisatie.doelgroep_meervoud; }
      if (enkelvoud) { enkelvoud.value = organisatie.doelgroep_enkelvoud; }
    }
    melden(
      "Bekende organisatie gekozen: " + organisatie.label + ". Soort (" + organisatie.soort_label +
      ") en woorden (" + organisatie.doelgroep_meervoud + ") zijn ingevuld."
    );
  }

  function tonen(organisaties) {
    while (lijst.firstChild) {
      lijst.removeChild(lijst.firstChild);
    }
    organisaties.forEach(function (organisatie) {
      bekend[organisatie.label] = organisatie;
      var optie = document.createElement("option");
      optie.value = organisatie.label;
      lijst.appendChild(optie);
    });
  }

  function ophalen(naam) {
    laatsteVraag = naam;
    fetch(lijst.dataset.url + "?naam=" + encodeURIComponent(naam), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (antwoord) { return antwoord.ok ? antwoord.json() : { organisaties: [] }; })
      .then(function (gegevens) {
        if (naam !== laatsteVraag) {
          return; // an older answer, overtaken by more typing
        }
        tonen(gegevens.organisaties);
        if (bekend[veld.value]) {
          invullen(bekend[veld.value]);
        }
      })
      .catch(function () { /* without the list the inspector types the name in full, as before */ });
  }

  veld.addEventListener("input", function () {
    var naam = veld.value.trim();
    if (bekend[veld.value]) {
      invullen(bekend[veld.value]);
      return;
    }
    clearTimeout(timer);
    if (naam.length >= 2) {
      timer = setTimeout(function () { ophalen(naam); }, WACHTTIJD_MS);
    }
  });
})();
