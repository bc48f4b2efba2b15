"""Test settings shared by the whole suite."""

from hypothesis import HealthCheck, settings

# No per-example deadline: a busy CI machine must not turn a slow example into a failure.
settings.register_profile("casedu", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("casedu")


def pytest_sessionstart(session):
    """Say at once which database server does not answer (once, not in every xdist worker)."""
    if hasattr(session.config, "workerinput"):
        return
    from tests.engines import server_lines

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for line in server_lines():
        if reporter is not None:
            reporter.write_line(line, yellow=True, bold=True)
