"""newsmon's Prefect flows: thin tasks over the library, one flow per job.

Importing this package turns Prefect's telemetry off unless the user set the variables themselves, and
gives its temporary local server time to start on a busy machine.
"""

import os

from newsmon.teardown import quiet_teardown

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")

quiet_teardown()  # also in the child processes Prefect's workers start for a flow run
