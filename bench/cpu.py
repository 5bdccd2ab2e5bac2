"""CPU time of the server side (gunicorn workers and PostgreSQL backends), read from /proc.

Wall-clock times on a shared 2-core machine move with whatever else runs; the CPU the server spends per request
hardly does. Both are printed, so a reader can tell a slow app from a busy machine.
"""

import os

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            velden = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command: state ppid ... utime (11) stime (12) cutime (13) cstime (14), counted from state.
    return int(velden[1]), (int(velden[11]) + int(velden[12]) + int(velden[13]) + int(velden[14])) / _TICK


def boom(*wortels):
    """The processes in wortels and all their descendants, now."""
    ouders = {}
    for naam in os.listdir("/proc"):
        if naam.isdigit() and (stat := _stat(int(naam))):
            ouders[int(naam)] = stat[0]
    gevonden = {p for p in wortels if p in ouders}
    groei = True
    while groei:
        erbij = {pid for pid, ouder in ouders.items() if ouder in gevonden and pid not in gevonden}
        gevonden |= erbij
        groei = bool(erbij)
    return gevonden


def seconden(*wortels):
    """CPU seconds used so far by the trees under wortels, including children that already ended."""
    totaal = 0.0
    for pid in boom(*wortels):
        if stat := _stat(pid):
            totaal += stat[1]
    return totaal


def postmaster_pid(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        (map_,) = cursor.fetchone()
    with open(os.path.join(map_, "postmaster.pid")) as f:
        return int(f.readline())


def belasting():
    """The 1-minute load average: above the core count, other work competed for the CPU."""
    return round(os.getloadavg()[0], 2)
