"""The WSGI entry point gunicorn serves during the bench.

The settings module is set outright, not by default: a gunicorn config that exports the app's own settings
module would otherwise hide the bench's reference view.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

application = get_wsgi_application()
