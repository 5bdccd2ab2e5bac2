"""/gezondheid/: whether this node can serve, for a load balancer that asks every few seconds.

It names no version and no error: only whether the database answers and its migrations are all applied.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

# Reading the migration files costs more than a probe should; once they are applied they stay applied, so a
# process checks until they are and then only pings the database.
_migraties_toegepast = False


def _alle_migraties_toegepast():
    global _migraties_toegepast
    if not _migraties_toegepast:
        executor = MigrationExecutor(connection)
        _migraties_toegepast = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migraties_toegepast


# In the words of the app's 405 page (samenwerking/middleware.py).
NIET_TOEGESTAAN = "Deze pagina kan niet op deze manier worden opgevraagd. Alleen GET en HEAD zijn toegestaan."


def _antwoord(code, **inhoud):
    return JsonResponse(inhoud, status=code, json_dumps_params={"ensure_ascii": False})


# No CSRF check: nothing but GET and HEAD is answered, and a POST should get the 405 below, not a 403.
@csrf_exempt
@never_cache
def gezondheid(request):
    if request.method not in ("GET", "HEAD"):
        response = _antwoord(405, status="fout", melding=NIET_TOEGESTAAN)
        response["Allow"] = "GET, HEAD"
        return response
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _alle_migraties_toegepast():
            return _antwoord(503, status="fout", melding="De database is nog niet bijgewerkt.")
    except DatabaseError:
        return _antwoord(503, status="fout", melding="De database antwoordt niet.")
    return _antwoord(200, status="ok")
