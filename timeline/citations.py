"""How a source is cited, for every output: its citation in parts, and which addresses link."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import quote

from timeline.literal import UNSAFE_IN_LINE
from timeline.model import Source

WEB_SCHEMES = ("https://", "http://")

# RFC 3986's characters, by the part of an http(s) URI that may hold them as they are.
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PATH_KEEPS = f"{_UNRESERVED}{_SUB_DELIMS}:@/"  # pchar and "/"
_QUERY_KEEPS = f"{_PATH_KEEPS}?"  # query and fragment: pchar, "/" and "?"
# What percent-encoding replaces in each part: a % that starts no %XX escape, and every
# character the part may not hold as it is.
_LONE_PERCENT = "%(?![0-9A-Fa-f]{2})"
_PATH_ENCODES = re.compile(f"{_LONE_PERCENT}|[^{_PATH_KEEPS}%]")
_QUERY_ENCODES = re.compile(f"{_LONE_PERCENT}|[^{_QUERY_KEEPS}%]")
_AUTHORITY_ENCODES = re.compile(f"{_LONE_PERCENT}|[^\x00-\x7f]")
_PCT = "%[0-9A-Fa-f]{2}"
_USERINFO = re.compile(f"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*")
_REG_NAME = re.compile(f"(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})+")
_PORT = re.compile("[0-9]*")
_AUTHORITY_END = re.compile("[/?#]")


def web_address(url: str) -> str:
    """url as an http(s) URI that any output may write as a link (RFC 3986), else "".

    A web address starts with http:// or https:// and names a host. What RFC 3986 does not
    allow where it stands (a space, a letter outside ASCII, a quote, a bracket outside the
    host, a % that starts no %XX) is percent-encoded as UTF-8, as browsers do. An address that
    holds a control or bidi character, or whose host, port or user part is malformed, is no
    web address: it could only be written by changing what it says.
    """
    if not url.startswith(WEB_SCHEMES) or UNSAFE_IN_LINE.search(url):
        return ""
    scheme, rest = url.split("://", 1)
    end = _AUTHORITY_END.search(rest)
    authority, rest = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    authority = _AUTHORITY_ENCODES.sub(_percent, authority)
    if not _is_authority(authority):
        return ""
    rest, hash_mark, fragment = rest.partition("#")
    path, question_mark, query = rest.partition("?")
    path = _PATH_ENCODES.sub(_percent, path)
    query = _QUERY_ENCODES.sub(_percent, query)
    fragment = _QUERY_ENCODES.sub(_percent, fragment)
    return f"{scheme}://{authority}{path}{question_mark}{query}{hash_mark}{fragment}"


def is_web_link(url: str) -> bool:
    """Whether url is an http(s) address that an output may write as a link (web_address)."""
    return bool(web_address(url))


def _percent(match: re.Match[str]) -> str:
    return quote(match[0], safe="")


def _is_authority(authority: str) -> bool:
    """Whether authority is RFC 3986's [userinfo@]host[:port], with a host that is not empty:
    a name, an IPv4 address, or an IPv6 address in brackets."""
    userinfo, at, host_port = authority.rpartition("@")
    if at and not _USERINFO.fullmatch(userinfo):
        return False
    if host_port.startswith("["):
        literal, bracket, port = host_port[1:].partition("]")
        if not bracket or (port and not port.startswith(":")) or "%" in literal:
            return False
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return False
        return _PORT.fullmatch(port[1:]) is not None
    host, _, port = host_port.partition(":")
    return _REG_NAME.fullmatch(host) is not None and _PORT.fullmatch(port) is not None


def _same(text: str) -> str:
    return text


class Citation(NamedTuple):
    """A source's citation in parts, for each format to escape, and link, in its own syntax."""

    title: str
    details: tuple[str, ...]  # the publisher and the date of publication, those given
    address: str  # where to find the source: its URL, else its file (see cite); or ""

    @property
    def link(self) -> str:
        """The address as a web address (see web_address), which a format with links makes
        the title a link to; else ""."""
        return web_address(self.address)

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


def cite(source: Source, *, local: bool = True) -> Citation:
    """The parts of a source's citation. Its address is its URL, else its file; but a file's
    path names a place on the machine the store is kept on, so only a local view (the
    terminal: local=True) gives it. An export, made to be published (local=False), cites a
    source without a URL by its title, publisher and date alone."""
    details = tuple(part for part in (source.publisher, source.published) if part)
    return Citation(source.title, details, source.url or (source.file if local else ""))
