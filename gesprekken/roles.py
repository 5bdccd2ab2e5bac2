"""The roles of the app, as permission groups (created by data migrations)."""

INSPECTEURS = "Inspecteurs"
VRAGENBANK_BEHEERDERS = "Vragenbank-beheerders"
COORDINATOREN = "Coördinatoren"
