"""Setting a shop up: what the setup assistant finds and tests, without Qt.

``ports`` lists the PC's serial ports (and which appeared since a moment), ``detect`` finds how
a terminal on a port or address talks, ``readers`` lists PC/SC readers, ``draft`` turns the
assistant's answers into ``posguide.toml`` (validated, written keeping the file's comments).
"""
