"""posguide's data files, shipped inside the package as ``posguide.data`` (see setup.py); found
with ``importlib.resources`` through ``posguide.resources``."""
