"""Alembic's environment for casedu: the connection and the tables come from the store; printed
as SQL (``casedu migrate --sql``), the store's URL gives the dialect and nothing connects."""

from alembic import context

config = context.config
tables = config.attributes["tables"]
options = {
    "target_metadata": tables.metadata,
    "version_table": config.attributes["version_table"],
    "version_table_schema": tables.schema,
}
if context.is_offline_mode():
    url = config.attributes["url"]
    context.configure(url=url, literal_binds=True,
                      transactional_ddl=url.get_backend_name() not in ("mysql", "mariadb"),
                      **options)
else:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=connection.dialect.name not in ("mysql", "mariadb"),
        **options,
    )
with context.begin_transaction():
    context.run_migrations()
