"""The shop configuration (``posguide.toml``): declarations, loading, validation and saving.

    config = load_config(data_dir.config)       # ShopConfig; defaults if the file is missing
    set_value(data_dir.config, "shop.language", "en")

A bad file raises ``ConfigError`` whose ``str()`` is one line naming the file and the key.
"""

from posguide.config.alerts import AlertChannel
from posguide.config.entries import NoticeFeed, Provider, ReplyPatterns, Terminal
from posguide.config.errors import ConfigError, ConfigWriteError, Problem
from posguide.config.formats import HostPort
from posguide.config.loader import load_config, parse_config
from posguide.config.model import (
    LoggingSection,
    NetworkSection,
    ShopConfig,
    ShopSection,
    StorageSection,
)
from posguide.config.secret import Secret, SecretUrl
from posguide.config.writer import load_document, save_document, set_value

__all__ = [
    "AlertChannel",
    "ConfigError",
    "ConfigWriteError",
    "HostPort",
    "LoggingSection",
    "NetworkSection",
    "NoticeFeed",
    "Problem",
    "Provider",
    "ReplyPatterns",
    "Secret",
    "SecretUrl",
    "ShopConfig",
    "ShopSection",
    "StorageSection",
    "Terminal",
    "load_config",
    "load_document",
    "parse_config",
    "save_document",
    "set_value",
]
