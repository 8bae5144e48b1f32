"""newsmon: a scheduled news-monitoring pipeline for conflict-escalation coverage."""

__version__ = "0.1.0"
