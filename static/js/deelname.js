// The organisation's page: submitting waits until every answer is on the server, so nothing typed is left
// behind in this browser when the answers become read-only.
(function () {
  "use strict";

  var formulier = document.getElementById("indienen");
  if (!formulier) return;
  var melding = document.getElementById("indienen-melding");

  // autosave.js keeps a text until the server confirmed it, under a key that ends in ":aantekening:<field>".
  function nogNietOpgeslagen() {
    var sleutels = [];
    for (var i = 0; i < localStorage.length; i++) sleutels.push(localStorage.key(i));
    return Array.prototype.some.call(document.querySelectorAll(".aantekening-veld"), function (veld) {
      var einde = ":aantekening:" + veld.dataset.aantekening;
      return sleutels.some(function (sleutel) {
        return sleutel.slice(-einde.length) === einde;
      });
    });
  }

  formulier.addEventListener("submit", function (gebeurtenis) {
    if (!nogNietOpgeslagen()) return;
    gebeurtenis.preventDefault();
    melding.textContent =
      "Nog niet alles is opgeslagen. Wacht tot bovenaan 'Alles opgeslagen' staat (controleer uw verbinding) " +
      "en dien dan opnieuw in.";
    melding.hidden = false;
  });
})();
