"""The production settings, plus the bench's URLconf with its trivial reference view.

Everything else (DEBUG, SECRET_KEY, DATABASE_URL, CONN_MAX_AGE, cookies) comes from the environment exactly as
in production; `make bench` sets it.
"""

from samenwerking.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
