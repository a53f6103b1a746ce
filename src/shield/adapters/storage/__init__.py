"""Storage: SQLAlchemy 2 tables, Alembic migrations, and the repository over them."""
