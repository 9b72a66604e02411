"""Imported once by the fork server that photo workers are forked from (posguide.workers): the
photo code, Pillow's plugins and the optional HEIC codec are then loaded before each fork, so a
photo costs a fork rather than ~0.2 s of imports."""

from PIL import Image

from posguide.store.photos import heif_supported

Image.init()
heif_supported()
