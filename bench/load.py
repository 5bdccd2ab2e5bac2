"""Concurrent clients on raw HTTP/1.1 keep-alive connections, with asyncio: bounded in count and in time.

Each client posts to its own URL with one save in flight at a time, as the browser's autosave does. Without a
pause the clients find the server's capacity (saves per second); with the browser's own pause after each answer
(WACHTTIJD_MS in static/js/autosave.js) they are 50 inspectors typing without stopping. Inspectors do not
start typing in the same millisecond, nor pause exactly alike: at the browser's pace each client starts at a
random moment within one pause and each pause varies by a tenth (seeded). Without that the 50 clients send in
waves of 50 at once, and the last of each wave measures the wave, not the server.
"""

import asyncio
import dataclasses
import json
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

OPWARMEN_S = 2.0
METEN_S = 20.0
TIMEOUT_S = 10.0
MAX_VERZOEKEN_PER_CLIENT = 100_000
AUTOSAVE_JS = Path(__file__).resolve().parent.parent / "static" / "js" / "autosave.js"


def browser_pauze_s():
    """How long the page waits after the last keystroke before it saves: the shortest gap between two saves."""
    gevonden = re.search(r"WACHTTIJD_MS\s*=\s*(\d+)", AUTOSAVE_JS.read_text()) if AUTOSAVE_JS.exists() else None
    return int(gevonden.group(1)) / 1000 if gevonden else 0.7


@dataclasses.dataclass
class Client:
    pad: str
    sessie: str
    csrf: str
    tekst: str
    versie: int = 0
    verzonden: int = 0


@dataclasses.dataclass
class Resultaat:
    verzoeken: int
    per_seconde: float
    latenties_ms: list
    fouten: dict


async def _lees_antwoord(lezer):
    kop = await lezer.readuntil(b"\r\n\r\n")
    regels = kop.decode("latin-1").split("\r\n")
    status = int(regels[0].split(" ", 2)[1])
    koppen = {}
    for regel in regels[1:]:
        if ":" in regel:
            naam, waarde = regel.split(":", 1)
            koppen[naam.strip().lower()] = waarde.strip()
    if "content-length" in koppen:
        lichaam = await lezer.readexactly(int(koppen["content-length"]))
    elif koppen.get("transfer-encoding", "").lower() == "chunked":
        delen = []
        while True:
            grootte = int((await lezer.readuntil(b"\r\n")).split(b";")[0], 16)
            delen.append(await lezer.readexactly(grootte + 2))
            if grootte == 0:
                break
        lichaam = b"".join(d[:-2] for d in delen)
    else:
        lichaam = await lezer.read()
    return status, koppen, lichaam


def _verzoek(adres, client):
    client.verzonden += 1
    # Typing: the note grows a little with every save, as it does between two autosaves.
    lichaam = urlencode(
        {"tekst": f"{client.tekst} ({client.verzonden})", "observatie": "", "versie": client.versie}
    ).encode()
    host = f"{adres[0]}:{adres[1]}"
    kop = (
        f"POST {client.pad} HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        f"Origin: http://{host}\r\n"
        f"Cookie: sessionid={client.sessie}; csrftoken={client.csrf}\r\n"
        f"X-CSRFToken: {client.csrf}\r\n"
        "Accept: application/json\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(lichaam)}\r\n\r\n"
    )
    return kop.encode() + lichaam


async def _client(adres, client, begin_meting, einde, latenties, fouten, pauze_s, rng, stop):
    lezer = schrijver = None
    if pauze_s:
        await asyncio.sleep(rng.uniform(0, pauze_s))
    try:
        while time.monotonic() < einde and client.verzonden < MAX_VERZOEKEN_PER_CLIENT:
            if stop is not None and stop.is_set():
                break
            if schrijver is None:
                lezer, schrijver = await asyncio.open_connection(*adres)
            start = time.monotonic()
            try:
                schrijver.write(_verzoek(adres, client))
                status, koppen, lichaam = await asyncio.wait_for(_lees_antwoord(lezer), TIMEOUT_S)
            except (TimeoutError, OSError, asyncio.IncompleteReadError) as fout:
                fouten[type(fout).__name__] = fouten.get(type(fout).__name__, 0) + 1
                schrijver.close()
                lezer = schrijver = None
                continue
            klaar = time.monotonic()
            if status == 200:
                client.versie = json.loads(lichaam).get("versie", client.versie)
            else:
                fouten[f"HTTP {status}"] = fouten.get(f"HTTP {status}", 0) + 1
            if begin_meting <= start and klaar <= einde:
                latenties.append((klaar - start) * 1000)
            if koppen.get("connection", "").lower() == "close":
                schrijver.close()
                lezer = schrijver = None
            if pauze_s:
                await asyncio.sleep(min(pauze_s * rng.uniform(0.9, 1.1), max(0.0, einde - time.monotonic())))
    finally:
        if schrijver is not None:
            schrijver.close()


async def _belasten(adres, clients, opwarmen_s, meten_s, pauze_s, stop):
    begin_meting = time.monotonic() + opwarmen_s
    einde = begin_meting + meten_s
    latenties, fouten = [], {}
    await asyncio.gather(
        *(
            _client(adres, c, begin_meting, einde, latenties, fouten, pauze_s, random.Random(i), stop)
            for i, c in enumerate(clients)
        )
    )
    gemeten_s = max(min(einde, time.monotonic()) - begin_meting, 1e-9)
    return Resultaat(len(latenties), len(latenties) / gemeten_s, latenties, fouten)


def belasten(adres, clients, *, pauze_s=0.0, opwarmen_s=OPWARMEN_S, meten_s=METEN_S, stop=None):
    """All clients at once for opwarmen_s + meten_s, or until stop (an Event) is set: each client ends after its
    answer in flight. Only answers that start and end in the window count."""
    return asyncio.run(_belasten(adres, clients, opwarmen_s, meten_s, pauze_s, stop))
