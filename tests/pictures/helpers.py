"""Shared helpers for the picture tests: decode PNGs and compare colours."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.colors import to_rgb
from PIL import Image

from bot.pictures.geo import GeoData
from bot.pictures.maplayout import map_layout


def decode(png: bytes) -> Image.Image:
    """Decode PNG bytes into an RGB image."""
    return Image.open(io.BytesIO(png)).convert("RGB")


def rgb(colour: str) -> tuple[int, int, int]:
    """A matplotlib colour as 0–255 RGB."""
    r, g, b = to_rgb(colour)
    return round(r * 255), round(g * 255), round(b * 255)


def near(pixel: tuple[int, ...], colour: str, tolerance: int = 24) -> bool:
    """True when ``pixel`` is within ``tolerance`` of ``colour`` in every channel."""
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], rgb(colour), strict=True))


def region_has(
    image: Image.Image, box: tuple[int, int, int, int], colour: str, tolerance: int = 24
) -> bool:
    """True when any pixel in ``box`` (left, top, right, bottom) is near ``colour``."""
    pixels = np.asarray(image.crop(box), dtype=int)
    diff = np.abs(pixels - np.array(rgb(colour))).max(axis=2)
    return bool((diff <= tolerance).any())


def non_white(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """How many pixels in ``box`` are clearly not white."""
    pixels = np.asarray(image.crop(box), dtype=int)
    return int((pixels.min(axis=2) < 200).sum())


def colour_at(image: Image.Image, geo: GeoData, number: str) -> tuple[int, int, int]:
    """The pixel at a municipality's anchor on the main map."""
    x, y = geo.shapes[number].anchor
    return image.getpixel(map_layout().to_pixel(x, y))
