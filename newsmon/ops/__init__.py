"""Operations: the local Prefect server, the run lock, catch-up of missed digests, schedules' rules.

Nothing here imports Prefect: the Prefect side (deployments, served flows) lives in ``flows/schedules.py``.
"""
