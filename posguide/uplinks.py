"""How a card terminal itself goes online: the kinds the configuration accepts
(``[[terminals]] uplink``) and the playbook branches on (``uplink:`` conditions)."""

from __future__ import annotations

from typing import Final

ETHERNET: Final = "ethernet"  # a cable to the shop's router (the default)
WIFI: Final = "wifi"  # the shop's Wi-Fi
CELLULAR: Final = "cellular"  # its own SIM card: 4G/2G (电签POS, mobile terminals)
DIALUP: Final = "dialup"  # a telephone line
UPLINKS: Final = (ETHERNET, WIFI, CELLULAR, DIALUP)
# The checks of the shop's network (the PC's link, the router) say something about these only.
ON_SHOP_NETWORK: Final = frozenset({ETHERNET, WIFI})
