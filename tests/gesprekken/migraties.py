"""Running the migrations to an earlier state and back, for the tests of a data migration on a database as the
release before had it."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migreren(doel):
    """The database migrated to `doel` (a list of (app, migration)); the models as of then."""
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def naar_nieuwste():
    migreren(MigrationExecutor(connection).loader.graph.leaf_nodes())
