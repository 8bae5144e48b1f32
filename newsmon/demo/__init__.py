"""Sample feeds and article pages for ``newsmon demo``, and the loopback server that serves them."""
