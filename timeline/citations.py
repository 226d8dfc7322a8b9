"""How a source is cited, for every output: its citation in parts, and which addresses link."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from timeline.model import Source

WEB_SCHEMES = ("https://", "http://")


def is_web_link(url: str) -> bool:
    """Whether url is an http(s) address: the only kind that any output makes a link of."""
    return url.startswith(WEB_SCHEMES)


def _same(text: str) -> str:
    return text


class Citation(NamedTuple):
    """A source's citation in parts, for each format to escape, and link, in its own syntax."""

    title: str
    details: tuple[str, ...]  # the publisher and the date of publication, those given
    address: str  # where to find the source: its URL, else its file; "" when it has neither

    @property
    def link(self) -> str:
        """The address when it is a web link, which a format with links makes the title a
        link to; else ""."""
        return self.address if is_web_link(self.address) else ""

    def written(
        self,
        escape: Callable[[str], str] = _same,
        link: Callable[[str, str], str] | None = None,
    ) -> str:
        """The citation on one line: “title”, publisher, date, address. escape writes a piece
        of text in the format's syntax (as it is, by default). A format with links gives
        link(url, label): the title then links to a web address, which is not written out."""
        title = f"“{escape(self.title)}”"
        address = self.address
        if link is not None and self.link:
            title, address = link(self.link, title), ""
        parts = [title, *(escape(detail) for detail in self.details)]
        if address:
            parts.append(escape(address))
        return ", ".join(parts)


def cite(source: Source) -> Citation:
    """The parts of a source's citation."""
    details = tuple(part for part in (source.publisher, source.published) if part)
    return Citation(source.title, details, source.url or source.file)
