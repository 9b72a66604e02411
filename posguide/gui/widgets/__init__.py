"""Self-contained widgets the wizard composes: the live probe panel (``probe_panel``) and the
escalation bar with its alarm (``escalation``). They take plain Python values from the caller and
report what the cashier does through signals; none opens the database or runs a probe."""
