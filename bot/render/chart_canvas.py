"""A pixel canvas for charts: a bare matplotlib figure that artists are placed on in pixels, laid out from the
measured width of their text.

Why not Axes, legends and tick machinery: at a chart's size nearly all of matplotlib's time went to them (tick
objects copied per tick, label extents measured again on every draw, a legend laid out through offset boxes),
while what a chart shows is known before anything is drawn. Here every position is computed once from the
content, each text is one artist, and marks of one style are one collection.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg, get_hinting_flag
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.lines import Line2D
from matplotlib.transforms import IdentityTransform
from PIL import Image  # Pillow: matplotlib's own image dependency

BACKGROUND = "#f6f7f9"
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
BAND = "#eaeef2"
DIFFERS = "#b42318"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH_IN = 10.0
DPI = 90
WIDTH_PX = int(WIDTH_IN * DPI)
FONT = 17  # points
PALETTE_COLOURS = 48

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels from the top-left corner


def px(points: float) -> float:
    return points * DPI / 72


_ADVANCES: dict[tuple[float, bool], dict[str, float]] = {}
_SHOWN_AS: dict[bool, dict[str, str]] = {False: {}, True: {}}
MISSING = "□"  # what a character the font has no glyph for is drawn as


def drawable(text: str, *, bold: bool = False) -> str:
    """`text` as it can be drawn: control and format characters (a direction override would reorder a
    label's characters) become a space or nothing, and a character the font lacks becomes a box, as FreeType
    would draw it anyway (rendering it directly fails on the first try in matplotlib 3.11)."""
    shown = _SHOWN_AS[bold]
    missing = set(text) - shown.keys()
    if missing:
        font = get_font(_font_path(bold))
        for char in missing:
            if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
                shown[char] = " " if char.isspace() else ""
            elif font.get_char_index(ord(char)):
                shown[char] = char
            else:
                shown[char] = " " if char.isspace() else MISSING
    return "".join(shown[c] for c in text)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in pixels of one line of text as drawn: the sum of its characters' hinted advances, as the
    renderer lays them out (kerning, a fraction of a pixel in these labels, is left out). Each character is
    looked up once per size and weight."""
    text = drawable(text, bold=bold)
    advances = _ADVANCES.setdefault((size, bold), {})
    missing = set(text) - advances.keys()
    if missing:
        font = get_font(_font_path(bold))
        font.set_size(size, DPI)
        for char in missing:
            advances[char] = font.load_char(ord(char), flags=get_hinting_flag()).horiAdvance / 64
    return sum(advances[c] for c in text)


@cache
def _font_path(bold: bool) -> str:
    return str(findfont(FontProperties(weight="bold" if bold else "normal")))


@cache
def line_metrics(size: float, bold: bool) -> tuple[float, float]:
    """A line's ascent and descent in pixels from the font's own metrics (as matplotlib spaces lines), so
    that every label of a size sits the same way whatever its characters."""
    font = get_font(_font_path(bold))
    table = font.get_sfnt_table("OS/2")
    scale = px(size) / font.units_per_EM
    if table is None:  # a font without the table: its overall ascender and descender
        return font.ascender * scale, -font.descender * scale
    return table["sTypoAscender"] * scale, -table["sTypoDescender"] * scale


def _raster(text: str, size: float, bold: bool) -> tuple[np.ndarray, float, float]:
    """One line of text rendered to coverage values, with where its bitmap starts relative to the pen
    position: left offset and the depth of its bottom row below the baseline."""
    font = get_font(_font_path(bold))
    font.clear()
    font.set_size(size, DPI)
    font.set_text(text, 0.0, flags=get_hinting_flag())
    font.draw_glyphs_to_bitmap(antialiased=True)
    xo, _ = font.get_bitmap_offset()
    return np.asarray(font.get_image()), xo / 64, font.get_descent() / 64


@cache
def _rgb(colour: str) -> tuple[int, int, int]:
    r, g, b = to_rgb(colour)
    return round(r * 255), round(g * 255), round(b * 255)


class _Labels(Artist):
    """Every text of a chart as one artist. A `Text` artist measures itself again and lays out and renders
    glyph by glyph on each draw, which made text most of a chart's drawing time; here each line, positioned
    from measured widths beforehand, is rendered as one bitmap (as the Agg backend itself long did) and
    composited as an image. Text is drawn last, above every mark."""

    def __init__(self) -> None:
        super().__init__()
        self.set_zorder(1_000_000)
        # (left, baseline from the top, text, size, bold, colour)
        self.items: list[tuple[float, float, str, float, bool, str]] = []

    def draw(self, renderer: RendererBase) -> None:
        gc = renderer.new_gc()
        height = renderer.get_canvas_width_height()[1]
        for left, baseline, text, size, bold, colour in self.items:
            if not text.strip():
                continue
            coverage, xo, depth = _raster(text, size, bold)
            rgba = np.empty((*coverage.shape, 4), dtype=np.uint8)
            rgba[..., :3] = _rgb(colour)
            rgba[..., 3] = coverage
            bottom = height - round(baseline + depth)
            renderer.draw_image(gc, round(left + xo), bottom, rgba[::-1])
        gc.restore()


@dataclass(frozen=True, slots=True)
class Style:
    colour: str
    alpha: float = 1.0
    edge: str | None = None
    linewidth: float = 0.0
    hatch: str | None = None


class Canvas:
    """A figure `height` pixels tall, addressed in pixels from its top-left corner."""

    def __init__(self, height: float) -> None:
        self.height = round(height)
        self.figure = Figure(figsize=(WIDTH_IN, self.height / DPI), dpi=DPI, facecolor=BACKGROUND)
        FigureCanvasAgg(self.figure)
        self._pixels = IdentityTransform()
        self._drawn = 0
        self._labels = _Labels()
        self.figure.add_artist(self._labels)

    def _next(self) -> int:
        """Artists are drawn in the order they are added: later ones on top."""
        self._drawn += 1
        return self._drawn

    def _add(self, artist: Artist) -> None:
        artist.set_transform(self._pixels)
        artist.set_zorder(self._next())
        self.figure.add_artist(artist)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = FONT,
        colour: str = INK,
        bold: bool = False,
        ha: str = "left",
        va: str = "baseline",
        linespacing: float = 1.2,
    ) -> None:
        """Text at (x, y), aligned as matplotlib aligns it (`ha`, and `va` for the whole block of lines);
        each line is aligned on its own, as a right-aligned label's lines are."""
        lines = text.split("\n")
        ascent, descent = line_metrics(size, bold)
        pitch = (ascent + descent) * linespacing
        block = ascent + descent + pitch * (len(lines) - 1)  # from the first line's top to the last's bottom
        top = {
            "top": y,
            "center": y - block / 2,
            "bottom": y - block,
            "baseline": y - ascent,
            "center_baseline": y - ascent / 2,
        }[va]
        for n, line in enumerate(lines):
            line = drawable(line, bold=bold)
            width = text_width(line, size, bold=bold)
            left = {"left": x, "right": x - width, "center": x - width / 2}[ha]
            self._labels.items.append((left, top + ascent + n * pitch, line, size, bold, colour))

    def boxes(self, boxes: Sequence[Box], style: Style) -> None:
        """Rectangles of one style, drawn as one collection."""
        if not boxes:
            return
        flip = self.height
        verts = [
            [(x0, flip - y0), (x1, flip - y0), (x1, flip - y1), (x0, flip - y1)] for x0, y0, x1, y1 in boxes
        ]
        self._add(
            PolyCollection(
                verts,
                facecolors=style.colour,
                edgecolors=style.edge or "none",
                linewidths=style.linewidth,
                alpha=style.alpha,
                hatch=style.hatch,
            )
        )

    def lines(self, segments: Iterable[tuple[float, float, float, float]], colour: str, width: float) -> None:
        """Straight lines (x0, y0, x1, y1) of one colour and width, as one collection."""
        flip = self.height
        self._add(
            LineCollection(
                [[(x0, flip - y0), (x1, flip - y1)] for x0, y0, x1, y1 in segments],
                colors=colour,
                linewidths=width,
            )
        )

    def dots(self, points: Sequence[tuple[float, float]], colour: str, size: float) -> None:
        if not points:
            return
        self._add(
            Line2D(
                [x for x, _ in points],
                [self.height - y for _, y in points],
                marker="o",
                linestyle="",
                color=colour,
                markersize=size,
            )
        )

    def arrow(self, x0: float, x1: float, y: float, colour: str) -> None:
        """A line from x0 ending in a filled head at x1 (a lower bound: "more than")."""
        head = px(7)
        flip = self.height
        self.lines([(x0, y, x1 - head, y)], colour, 2)
        self._add(
            PolyCollection(
                [[(x1 - head, flip - y + head / 2), (x1, flip - y), (x1 - head, flip - y - head / 2)]],
                facecolors=colour,
                edgecolors="none",
            )
        )

    def png(self) -> bytes:
        """The picture as a palette PNG: a chart has few colours, and 48 keep it crisp at a third of the bytes
        (about 20 kB instead of 60–90 kB), which every upload and every reader's download pays for."""
        canvas = self.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE).save(
            out, format="PNG", compress_level=3
        )
        return out.getvalue()


@dataclass(frozen=True, slots=True)
class Key:
    """One entry of a legend: a swatch (a box of `style`, or a dot or an arrow) and what it means."""

    label: str
    style: Style
    shape: str = "box"  # "box", "dot" or "arrow"


def _key_sizes(size: float) -> tuple[float, float, float]:
    """A legend's swatch width, the gap after a swatch, and the space between keys, in pixels."""
    return px(size) * 1.4, px(size) * 0.5, px(size) * 1.2


def legend_rows(keys: Sequence[Key], size: float, width: float) -> list[list[Key]]:
    """Keys in rows no wider than `width` pixels, in order, as many to a row as fit."""
    swatch, gap, between = _key_sizes(size)
    rows: list[list[Key]] = []
    used = 0.0
    for key in keys:
        need = swatch + gap + text_width(key.label, size)
        if rows and used + between + need <= width:
            rows[-1].append(key)
            used += between + need
        else:
            rows.append([key])
            used = need
    return rows


def legend(
    canvas: Canvas, rows: Sequence[Sequence[Key]], x: float, y: float, size: float, colour: str
) -> None:
    """Rows of keys from (x, y), the first row's vertical middle at y, each row `legend_line(size)` below
    the last."""
    swatch, gap, between = _key_sizes(size)
    half = px(size) * 0.35
    for n, row in enumerate(rows):
        left, middle = x, y + n * legend_line(size)
        for key in row:
            if key.shape == "dot":
                canvas.dots([(left + swatch / 2, middle)], key.style.colour, 9)
            elif key.shape == "arrow":
                canvas.arrow(left, left + swatch, middle, key.style.colour)
            else:
                canvas.boxes([(left, middle - half, left + swatch, middle + half)], key.style)
            left += swatch + gap
            canvas.text(left, middle, key.label, size=size, colour=colour, va="center_baseline")
            left += text_width(key.label, size) + between


def legend_line(size: float) -> float:
    return px(size) * 1.8
