"""Daily inspection: the automatic checks of every terminal, recorded each day (``run``), and
what degrades over the days (``trends``)."""
