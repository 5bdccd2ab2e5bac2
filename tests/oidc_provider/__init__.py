"""A real OpenID Connect provider for the tests: django-oauth-toolkit in a small Django project of its own.

Started as its own process (`python -m tests.oidc_provider config.json`, see tests/oidc_provider/__main__.py) on
127.0.0.1 with its own SQLite file, RSA key, users and clients, all from the JSON file the test writes.
"""
