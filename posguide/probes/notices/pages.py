"""Announcement web pages, read the way a person reads them.

Chinese acquirers and banks publish maintenance as a news list on their website ("关于系统升级
维护的公告") whose detail pages say "本次工作将于2025年07月12日14:00—17:00进行", and repeat it as
WeChat articles. A shop gives posguide the page it already checks by hand:

* a **list page**: the announcement links whose text (or title) has a maintenance word, newest
  first, on the same site; the probe follows a few of them (``NoticeFeed.follow``);
* a **detail page** (or a WeChat article): its main text, not menus and footers; every window in
  it is read with the SMS notices' time-phrase reading (posguide.probes.notices.sms), and each
  notice keeps the sentence it was read from, the page's title, publication date and address.

A sentence that cancels (取消) gives no window; one that moves a window (调整为, 推迟至, ...)
keeps only the new one, and a window announced as the original ("原定") is dropped when the page
moves it. A page that only renders with JavaScript, or asks for a login or a captcha, is
``PageUnreadable``: staff are told to open it, never that there is no notice.

Bytes are decoded from what they are, whatever the HTTP header claims: UTF-8 when they are valid
UTF-8, else the page's ``<meta charset>`` (GB2312 and GBK read as GB18030, their superset),
else charset-normalizer's reading. HTML is parsed with selectolax (Lexbor, an HTML5 parser as
browsers have); regular expressions only ever look at text, never at markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.notices.model import FeedError

#: Words that make an announcement worth reading (configurable per feed).
MAINTENANCE_WORDS: Final = ("维护", "升级", "暂停", "改造", "割接", "停机", "切换")
#: Announcements followed from a list page, by default.
FOLLOW: Final = 5
TITLE_LIMIT: Final = 120

_INVISIBLE: Final = ["script", "style", "noscript", "template", "svg", "iframe", "object"]
_FURNITURE: Final = ("nav", "header", "footer", "aside", "form", "menu")
_FURNITURE_NAMES: Final = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|footer|foot|header|head|top|breadcrumbs?|crumbs?|sidebar|side"
    r"|copyright|share|toolbar|pagination|pager|page-?nav|links|friendlink|related)([-_\s]|$)",
    re.IGNORECASE,
)
_CONTAINERS: Final = frozenset(
    ("article", "main", "section", "div", "td", "table", "tbody", "tr", "center", "font")
)
_CAPTCHA: Final = re.compile(
    r"验证码|captcha|人机验证|安全验证|滑动验证|请完成验证|访问验证|环境异常|请先登录|登录后(?:查看|访问)",
    re.IGNORECASE,
)
_NEEDS_SCRIPT: Final = re.compile(r"javascript|启用\s*js|开启\s*js", re.IGNORECASE)
_DATE: Final = re.compile(r"((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SHORT_DATE: Final = re.compile(r"(?<![\d-])(\d{1,2})\s*[-月/]\s*(\d{1,2})(?:日)?(?![\d:-])")
_PUBLISHED: Final = re.compile(r"(?:发布|发表|公告|更新)(?:时间|日期)\s*[:：]?\s*")
_PUBLISHED_META: Final = (
    'meta[property="article:published_time"]',
    'meta[name="PubDate"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="published_time"]',
    'meta[name="firstpublishedtime"]',
)
MIN_TEXT: Final = 40  # visible characters below which a page with scripts is script-rendered


class PageUnreadable(FeedError):
    """The page cannot be read by a program: staff must open it. ``url`` is the page."""

    def __init__(self, reason: Text, url: str) -> None:
        super().__init__(reason)
        self.url = url


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    published: date | None


@dataclass(frozen=True)
class Article:
    url: str
    title: str
    published: date | None
    text: str


@dataclass(frozen=True)
class Page:
    """One page read: its main text as an article, and the announcement links it lists."""

    article: Article
    links: list[Link]


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--"))


def decode(data: bytes) -> str:
    """The page's text, from its bytes (see the module docstring for the order)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _meta_charset(data)
    if declared:
        return data.decode(declared, "replace")
    from charset_normalizer import from_bytes  # only for pages that are neither

    best = from_bytes(data[:200_000]).best()
    encoding = _codec(best.encoding) if best is not None else None
    return data.decode(encoding or "gb18030", "replace")


def _meta_charset(data: bytes) -> str | None:
    # Latin-1 maps every byte to one character, so the ASCII markup of <head> reads as itself.
    head = LexborHTMLParser(data[:8192].decode("latin-1"))
    for meta in head.css("meta"):
        charset = meta.attributes.get("charset")
        if not charset and (meta.attributes.get("http-equiv") or "").lower() == "content-type":
            content = meta.attributes.get("content") or ""
            charset = content.lower().partition("charset=")[2].split(";")[0]
        if charset and (codec := _codec(charset)):
            return codec
    return None


def _codec(name: str) -> str | None:
    import codecs

    name = name.strip().strip("\"'").lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"):
        return "gb18030"  # the superset: pages labelled GB2312 use GBK characters all the time
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # "base64", "hex", "rot13" are codecs too, but not of text: a page cannot be in them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def read_page(
    data: bytes,
    url: str,
    *,
    words: Iterable[str] = MAINTENANCE_WORDS,
    today: date | None = None,
) -> Page:
    """Parse a page. Raises PageUnreadable for a script-only, login or captcha page.
    ``today`` (the provider's) places list dates without a year ("[07-09]")."""
    today = today or date.today()
    tree = LexborHTMLParser(decode(data))
    scripts = len(tree.css("script"))
    noscript = " ".join(n.text(strip=True) for n in tree.css("noscript"))
    if tree.css_first('input[type="password"]') is not None:
        raise PageUnreadable(Text(QT_TR_NOOP("the page asks for a login; open it yourself")), url)
    tree.strip_tags(_INVISIBLE)
    visible = _tidy(block_text(tree.body)) if tree.body is not None else ""
    if _CAPTCHA.search(visible) and len(visible) < 2000:
        raise PageUnreadable(
            Text(QT_TR_NOOP("the page asks for a login or a check; open it yourself")), url
        )
    if len(letters(visible)) < MIN_TEXT and (scripts or _NEEDS_SCRIPT.search(noscript)):
        raise PageUnreadable(
            Text(QT_TR_NOOP("the page only shows with JavaScript; open it yourself")), url
        )
    title = _title(tree)
    published = _published(tree, visible)
    _remove_furniture(tree)  # a menu's "系统维护专栏" is not an announcement
    links = _links(tree, url, tuple(words), today)
    body = _main_block(tree)
    text = block_text(body) if body is not None else ""
    return Page(Article(url, title, published, _tidy(text)), links)


_BLOCK_TAGS: Final = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
))  # fmt: skip
_ANCESTRY_LIMIT: Final = 40  # how far up a text node's block is looked for (deep pages)


def block_text(node: LexborNode) -> str:
    """The node's text as a reader sees it: inline markup (``<span>7月12日</span><span>23:00
    </span>``) joined up, a new line where a block (paragraph, cell, list item, ``<br>``) starts
    or ends. Windows must not be split by a CMS's spans."""
    parts: list[str] = []
    last_block: int | None = None
    for child in node.traverse(include_text=True):
        if child.tag == "br":
            parts.append("\n")
            continue
        if child.tag != "-text":
            continue
        block, ancestor = None, child.parent
        for _ in range(_ANCESTRY_LIMIT):
            if ancestor is None:
                break
            if ancestor.tag in _BLOCK_TAGS:
                block = ancestor.mem_id
                break
            ancestor = ancestor.parent
        if block != last_block:
            parts.append("\n")
            last_block = block
        parts.append(child.text_content or "")
    return "".join(parts)


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _title(tree: LexborHTMLParser) -> str:
    for selector in ("#activity-name", ".rich_media_title", "h1", "h2"):
        node = tree.css_first(selector)
        if node is not None and (text := " ".join(node.text(strip=True).split())):
            return text[:TITLE_LIMIT]
    node = tree.css_first("title")
    text = node.text(strip=True) if node is not None else ""
    return re.split(r"\s[-_|–—]\s|_", text)[0].strip()[:TITLE_LIMIT]


def _published(tree: LexborHTMLParser, visible: str) -> date | None:
    for selector in _PUBLISHED_META:
        node = tree.css_first(selector)
        if node is not None and (found := _date_in(node.attributes.get("content") or "")):
            return found
    node = tree.css_first("#publish_time")  # WeChat articles
    if node is not None and (found := _date_in(node.text(strip=True))):
        return found
    label = _PUBLISHED.search(visible)
    if label is not None:
        return _date_in(visible[label.end() : label.end() + 40])
    return None


def _date_in(text: str, today: date | None = None) -> date | None:
    found = _DATE.search(text)
    if found is not None:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return None
    short = _SHORT_DATE.search(text) if today is not None else None
    if short is not None and today is not None:
        try:  # a publication date: the latest such day that is not after today
            day = date(today.year, int(short[1]), int(short[2]))
            return day if day <= today else date(today.year - 1, day.month, day.day)
        except ValueError:
            return None
    return None


def _links(tree: LexborHTMLParser, base: str, words: tuple[str, ...], today: date) -> list[Link]:
    """Announcement links on the same site, newest first (document order among equals)."""
    site = urlsplit(base).hostname
    found: dict[str, Link] = {}
    for anchor in tree.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        text = " ".join((anchor.text(strip=True) or anchor.attributes.get("title") or "").split())
        title = anchor.attributes.get("title") or ""
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if not any(w in text or w in title for w in words):
            continue
        try:
            url = urljoin(base, href).split("#")[0]
            same_site = urlsplit(url).hostname == site
        except ValueError:  # "http://bank.test／news", "http://[broken": not a link to follow
            continue
        if not same_site or url == base or url in found:
            continue
        holder = _row_of(anchor)
        published = _date_in(holder.text(separator=" ", strip=True), today) if holder else None
        found[url] = Link(url, (text or title)[:TITLE_LIMIT], published)
    ordered = list(found.values())
    return sorted(ordered, key=lambda link: link.published or date.min, reverse=True)


def _row_of(anchor: LexborNode) -> LexborNode | None:
    """The list item (li, tr, dd, or a small div) that holds the link and its date."""
    node = anchor.parent
    for _ in range(3):
        if node is None:
            return None
        if node.tag in ("li", "tr", "dd", "dt", "p") or len(node.text(strip=True)) < 200:
            return node
        node = node.parent
    return None


def _remove_furniture(tree: LexborHTMLParser) -> None:
    """Menus, headers, footers and side bars, by tag or by class/id name; outermost only."""
    chosen: list[LexborNode] = []
    ids: set[int] = set()
    for node in tree.css("*"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag in _FURNITURE or _FURNITURE_NAMES.search(names):
            ancestor, inside = node.parent, False
            while ancestor is not None:
                if ancestor.mem_id in ids:
                    inside = True
                    break
                ancestor = ancestor.parent
            if not inside and node.tag not in ("html", "body"):
                chosen.append(node)
                ids.add(node.mem_id)
    for node in chosen:
        node.decompose()


def _main_block(tree: LexborHTMLParser) -> LexborNode | None:
    """The block holding the article: most text not in links, narrowed down while one child
    holds most of it (the whole page always has the most text)."""
    special = tree.css_first("#js_content") or tree.css_first("article")  # WeChat, HTML5
    if special is not None and len(special.text(strip=True)) >= MIN_TEXT:
        return special

    def score(node: LexborNode) -> float:
        text = len(node.text(strip=True))
        linked = sum(len(a.text(strip=True)) for a in node.css("a"))
        return text - 2 * linked

    best = tree.body
    if best is None:
        return None
    best_score = score(best)
    for _ in range(_ANCESTRY_LIMIT):  # a page nested thousands deep is not read to the bottom
        children = [c for c in best.iter() if c.tag in _CONTAINERS]
        scored = [(score(c), c) for c in children]
        if not scored:
            return best
        top_score, top = max(scored, key=lambda pair: pair[0])
        if top_score < 0.6 * best_score or top_score <= 0:
            return best
        best, best_score = top, top_score
    return best


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
