"""Self-contained widgets the wizard composes: the live probe panel (``probe_panel``, one
``probe_row`` per probe), the escalation bar with its alarm (``escalation``), the question form
(``questions``) and the photo strip (``photo_strip``, which reads through ``photo_reader`` and
takes pictures with ``camera``); ``common`` holds what they share. They take plain Python values
from the caller and report what the cashier does through signals; none opens the database or
runs a probe."""
