"""Citations: one set of parts for every output, and one rule for which addresses link."""

from __future__ import annotations

import pytest

from timeline.citations import Citation, cite, is_web_link
from timeline.model import Source


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("http://example.org/a", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/a", False),
        ("HTTPS://example.org/a", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_only_http_and_https_addresses_are_web_links(url: str, linked: bool) -> None:
    """An address is a web link when it starts with https:// or http://, and only then."""
    assert is_web_link(url) is linked


class TestCite:
    def test_the_parts(self) -> None:
        """A citation is the title, the publisher and date given, and the URL else the file."""
        source = Source("s", "Title", "Agency", "2023-01-02", "https://e.org/r", "r.txt")
        assert cite(source) == Citation("Title", ("Agency", "2023-01-02"), "https://e.org/r")
        assert cite(Source("s", "Title", file="r.txt")) == Citation("Title", (), "r.txt")
        assert cite(Source("s", "Title", published="2023")) == Citation("Title", ("2023",), "")

    def test_only_a_web_address_is_a_link(self) -> None:
        """link is the address when it is a web link, else empty."""
        assert Citation("T", (), "https://e.org").link == "https://e.org"
        assert Citation("T", (), "javascript:x").link == ""
        assert Citation("T", (), "r.txt").link == ""


class TestWritten:
    def test_plain_text_writes_every_part(self) -> None:
        """Without links, the address is written out last, even a web one."""
        citation = Citation("Title", ("Agency", "2023-01-02"), "https://e.org/r")
        assert citation.written() == "“Title”, Agency, 2023-01-02, https://e.org/r"
        assert Citation("Title", (), "").written() == "“Title”"

    def test_a_format_with_links_links_the_title_to_a_web_address(self) -> None:
        """With link(), the title links to a web address, which is not written again; any
        other address is written as text. escape() writes every piece of data."""

        def escape(text: str) -> str:
            return text.upper()

        def link(url: str, label: str) -> str:
            return f"<{url}|{label}>"

        web = Citation("Title", ("Agency",), "https://e.org/r")
        assert web.written(escape, link) == "<https://e.org/r|“TITLE”>, AGENCY"
        file = Citation("Title", ("Agency",), "r.txt")
        assert file.written(escape, link) == "“TITLE”, AGENCY, R.TXT"
        script = Citation("Title", (), "javascript:x")
        assert script.written(escape, link) == "“TITLE”, JAVASCRIPT:X"
