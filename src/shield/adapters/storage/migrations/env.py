"""Alembic environment: the engine comes from the Store that runs the migration."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from shield.adapters.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # the alembic command line: take the URL from alembic.ini or -x url=
        url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
            "sqlalchemy.url"
        )
        if not url:
            raise SystemExit("give the database as: alembic -x url=sqlite:///path/to.db ...")
        engine = create_engine(url)
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        context.run_migrations()


run()
