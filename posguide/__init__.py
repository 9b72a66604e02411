"""posguide: a troubleshooting assistant for card terminals that show "在维护中"."""

__version__ = "0.1.0"
