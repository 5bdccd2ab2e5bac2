"""Gunicorn for production (`make serve`), each value overridable from the environment.

Workers are processes: a PDF is rendered in one while the others keep serving. Threads let one worker answer
the small autosave requests while another thread waits on the database.
"""

import gc
import os

_cores = os.cpu_count() or 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One more than there are cores, not the usual 2 × cores + 1: the work is cpu, not waiting. On 2 cores, 3 workers
# served a third more requests than 5 did (BENCHMARKS.md), each worker's cache fills once instead of five times,
# and every worker holds WeasyPrint and a database connection per thread.
workers = int(os.environ.get("GUNICORN_WORKERS", _cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A long rapport takes seconds to lay out; a minute is ample and still ends a stuck request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# A fresh worker now and then returns memory that PDF rendering left fragmented. Not too often: a restart
# imports Django and WeasyPrint again (1-2 s of cpu) and empties the worker's cache. The jitter keeps the
# workers from restarting all at once.
max_requests = 10_000
max_requests_jitter = 1_000


def post_worker_init(worker):
    """Django, its libraries and the app are loaded now and live as long as the worker: the collector's full passes
    leave them be. A full pass over them took 47 ms (117,000 objects) and held every thread of the worker."""
    gc.freeze()


# The proxy in front may say the request came over https (see SECURE_PROXY_SSL_HEADER in the settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
# The path without its query string, and no referrer: a query can hold an organisation's name (?zoek=…).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
if os.environ.get("LOG_FORMAT") == "json":
    # Gunicorn's own lines and its access log as JSON too (samenwerking/logregels.py), each line once.
    logconfig_dict = {
        "formatters": {"json": {"()": "samenwerking.logregels.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            name: {"level": "INFO", "handlers": ["console"], "propagate": False}
            for name in ("gunicorn.error", "gunicorn.access")
        },
    }
# No runtime control socket (gunicornc): nothing uses it, and two servers on one machine would share its path.
control_socket_disable = True
