"""Citations: one set of parts for every output, and one rule for which addresses link."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rfc3986_validator import validate_rfc3986

from timeline.citations import Citation, cite, is_web_link, web_address
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


class TestWebAddress:
    @pytest.mark.parametrize(
        ("url", "address"),
        [
            ("https://example.org/report", "https://example.org/report"),
            ("https://e.org/a?b=1&c=2#top", "https://e.org/a?b=1&c=2#top"),
            ("https://u:p@e.org:8080/", "https://u:p@e.org:8080/"),
            ("http://[::1]:80/x", "http://[::1]:80/x"),
            ("https://e.org", "https://e.org"),
            ("http://example.com/x y", "http://example.com/x%20y"),
            (
                "https://hy.wikipedia.org/wiki/Արցախ",
                "https://hy.wikipedia.org/wiki/%D4%B1%D6%80%D6%81%D5%A1%D5%AD",
            ),
            ("https://пример.рф/", "https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/"),
            (
                'https://e.org/<a href="x">{|}^`\\',
                "https://e.org/%3Ca%20href=%22x%22%3E%7B%7C%7D%5E%60%5C",
            ),
            ("http://e.org/[x]?a=[1]#f#g", "http://e.org/%5Bx%5D?a=%5B1%5D#f%23g"),
            ("http://e.org/100%25/%zz/50%", "http://e.org/100%25/%25zz/50%25"),
        ],
    )
    def test_a_web_address_is_percent_encoded_where_rfc_3986_requires(
        self, url: str, address: str
    ) -> None:
        """An http(s) address is written as RFC 3986 has it: what a part may not hold (space,
        letters outside ASCII, quotes, angle and square brackets, a second #, a % that starts
        no %XX) is percent-encoded as UTF-8; a valid %XX stays as it is."""
        assert web_address(url) == address

    @pytest.mark.parametrize(
        "url",
        [
            "https://e.org/\r\nEND:VEVENT\r\nBEGIN:VEVENT",
            "https://e.org/a\nb",
            "https://e.org/\x1b[31m",
            "https://e.org/\x07",
            "https://e.org/a\tb",
            "https://e.org/\x85",
            "https://e.org/\u202eexe.txt",
            "http://",
            "http:///path",
            "http://exa mple.org/",
            "http://e.org:8a/",
            "http://[::1%eth0]/",
            "http://[e.org]/",
            "http://a<b@e.org/",
            "javascript:alert(1)",
        ],
    )
    def test_an_address_that_cannot_be_made_a_uri_is_no_web_address(self, url: str) -> None:
        """A control or bidi character (CR, LF, tab, ESC, BEL, NEL, U+202E), a missing or
        malformed host, port or user part: no link, whatever the format."""
        assert web_address(url) == ""
        assert Citation("T", (), url).link == ""

    @given(st.text(st.characters(exclude_categories=("Cs",))).map(lambda t: "https://" + t))
    @example("https://e.org/%")
    @example("https://e.org/%C3%A9é")
    @example("https://[::1]]/")
    def test_a_web_address_is_a_valid_uri_that_says_the_same(self, url: str) -> None:
        """Whatever the address, web_address gives "" or an http(s) URI that an RFC 3986
        validator accepts, naming a host, and that percent-decodes to what the address
        decodes to."""
        address = web_address(url)
        if address:
            assert validate_rfc3986(address, rule="URI")
            assert address.startswith("https://") and address[8:9] not in ("", "/", "?", "#")
            assert unquote(address) == unquote(url)


class TestCite:
    def test_the_parts(self) -> None:
        """A citation is the title, the publisher and date given, and the URL else the file."""
        source = Source("s", "Title", "Agency", "2023-01-02", "https://e.org/r", "r.txt")
        assert cite(source) == Citation("Title", ("Agency", "2023-01-02"), "https://e.org/r")
        assert cite(Source("s", "Title", file="r.txt")) == Citation("Title", (), "r.txt")
        assert cite(Source("s", "Title", published="2023")) == Citation("Title", ("2023",), "")

    def test_an_export_never_cites_a_local_file(self) -> None:
        """A file's path is for the terminal: cited for publishing, a source without a URL
        has its title and details only, and one with both gives its URL."""
        local = Source("s", "Title", publisher="Agency", file="sources/r.txt")
        assert cite(local, local=False) == Citation("Title", ("Agency",), "")
        assert cite(local, local=False).written() == "“Title”, Agency"
        both = local._replace(url="https://e.org/r")
        assert cite(both, local=False) == Citation("Title", ("Agency",), "https://e.org/r")

    def test_only_a_web_address_is_a_link(self) -> None:
        """link is the address when it is a web link, else empty."""
        assert Citation("T", (), "https://e.org").link == "https://e.org"
        assert Citation("T", (), "https://e.org/a b").link == "https://e.org/a%20b"
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
