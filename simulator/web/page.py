"""The page textual-serve sends to the browser, made to work with no network.

textual-serve ships its JavaScript, its terminal CSS and the Roboto Mono font files inside its
wheel, but its page template asks fonts.googleapis.com for the font's CSS. Offline (mockloop's
usual place) that request fails or hangs, and it sits before the page's script, so a browser
whose connection is dropped rather than refused shows a blank page until it times out; online
it tells Google about every page load. The page served here is textual-serve's own template
with that one link replaced by @font-face rules on the font files textual-serve already
serves from its static folder: nothing to vendor, and the page stays textual-serve's, so its
script and the markup it expects always match the installed version.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = "app_index.html"
_REMOTE_FONT_LINK = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.IGNORECASE)
# The font files are textual-serve's own (static/fonts/); the preload fetches the regular face
# while the page loads, so it is at hand when the page's terminal first draws.
_LOCAL_FONT = """<link
      rel="preload"
      href="{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"
      as="font"
      type="font/ttf"
      crossorigin
    />
    <style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
        font-weight: 100 700;
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf");
        font-weight: 100 700;
        font-style: italic;
      }
    </style>"""


def textual_serve_dir() -> Path:
    """textual-serve's package folder (its templates/ and static/)."""
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent


def offline_page(template: str) -> str:
    """`template` (textual-serve's page) with the web-font stylesheet replaced by the font
    files served locally; a template without that link is returned as it is."""
    return _REMOTE_FONT_LINK.sub(lambda _: _LOCAL_FONT, template, count=1)


def write_templates(folder: Path) -> Path:
    """Write the offline page into `folder` (the templates folder handed to textual-serve)."""
    upstream = (textual_serve_dir() / "templates" / TEMPLATE).read_text(encoding="utf-8")
    (folder / TEMPLATE).write_text(offline_page(upstream), encoding="utf-8")
    return folder
