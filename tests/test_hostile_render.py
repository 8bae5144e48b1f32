"""Hostile feed text travels through the whole pipeline and comes out inert in every digest format."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

from tests.feedserver import FeedServer

TITLES = [
    'Israeli air strike kills three in Gaza <script>alert("t1")</script>',
    'Israeli air strike kills five in Rafah <img src=x onerror=alert("t2")>',
    "Israeli air strike kills two in Khan Younis [click me](javascript:alert('t3'))",
    "Israeli air strike kills four in Deir al-Balah <!-- hidden --> <a href='data:text/html,x'>data</a>",
]
SUMMARIES = [
    'Hamas said Israeli jets struck a house near the market. <a href="javascript:alert(1)" onclick="alert(1)">more</a>',
    "Medics reported a family among the dead after the raid. <iframe src='http://evil.example/'></iframe>",
    "Witnesses described a convoy hit on the coastal road overnight. ![img](http://evil.example/p.png)",
    "The army said it targeted a weapons depot used by militants. <!-- note --><b onmouseover=alert(2)>b</b>",
]


class Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def test_hostile_titles_summaries_and_links_are_inert_everywhere(
    prefect_harness: None, feed_server: FeedServer, tmp_path: Path
) -> None:
    """Script, event handlers, javascript:/data: links, Markdown links and comments stay text in md, html, txt, eml."""
    from flows.daily import daily
    from flows.digest import digest

    items = "".join(
        f"<item><title><![CDATA[{t}]]></title><link>{feed_server.url(f'/p{i}.html')}</link>"
        f"<description><![CDATA[{d}]]></description></item>"
        for i, (t, d) in enumerate(zip(TITLES, SUMMARIES, strict=True))
    ) + ("<item><title>Israeli air strike kills six in Jabalia</title><link>javascript:alert('l')</link>"
         "<description>x</description></item>")
    url = feed_server.add("/f.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Evil'
                          f"</title>{items}</channel></rss>", content_type="application/rss+xml")
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"""settings:
  allow_private_hosts: ["127.0.0.1"]
  smtp: {{host: 127.0.0.1, port: 2, security: plain, sender: n@example.org, recipients: [r@example.org]}}
feeds:
  - name: Evil <b>Outlet</b>
    url: {url}
""")
    daily(sources_path=str(sources))
    result = digest(sources_path=str(sources), dry_run=True, send=True)

    md = Path(result["path"]).read_text(encoding="utf-8")
    html = Path(result["html"]).read_text(encoding="utf-8")
    txt = Path(result["path"]).with_suffix(".txt").read_text(encoding="utf-8")
    eml = BytesParser(policy=policy.default).parsebytes(Path(result["eml"]).read_bytes())
    mail_html = eml.get_body(preferencelist=("html",)).get_content()

    assert "Khan Younis" in md and "Khan Younis" in html  # the hostile items are in the digest
    for page in (html, mail_html):
        scan = Scan()
        scan.feed(page)
        assert "script" not in scan.tags and "iframe" not in scan.tags
        assert not [k for k, _ in scan.attrs if k.startswith("on")]
        links = [v for k, v in scan.attrs if k == "href"]
        links += [v for k, v in scan.attrs if k == "src" and not v.startswith("data:image/png;base64,")]
        odd = [v for v in links if not (v.startswith(("http://127.0.0.1", "https://", "cid:")) or v.endswith(".png"))]
        assert [] == odd
        assert not [c for c in scan.comments if "hidden" in c]
    md_targets = re.findall(r"\]\(<?([^)>\s]*)", md)
    assert all(t.startswith(("http://127.0.0.1", "https://")) or t.endswith(".png") for t in md_targets), md_targets
    assert "javascript:" not in " ".join(md_targets)
    assert "<script>" not in md and "<!--" not in md
    plain = eml.get_body(preferencelist=("plain",))
    assert "text/plain" == plain.get_content_type() and "Khan Younis" in txt
