"""Alembic's migrations of the schema: ``env.py`` and one module per revision in
``versions/``. ``runtime/revisions.py`` runs them; ``releasegraph migrate`` is the command.

A change to a model needs a revision here (``tests/runtime/test_revisions.py`` fails
without one): a module in ``versions/`` whose ``down_revision`` is the current head.
"""
