"""Alembic's environment for casedu: the connection and the tables come from the store."""

from alembic import context

config = context.config
tables = config.attributes["tables"]
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=tables.metadata,
    version_table=config.attributes["version_table"],
    version_table_schema=tables.schema,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=connection.dialect.name not in ("mysql", "mariadb"),
)
with context.begin_transaction():
    context.run_migrations()
