"""What the browser tests share besides fixtures: the demo's names and small helpers."""

from urllib.parse import urlsplit

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

ROCKY_IV = "Rocky IV: Original Motion Picture Soundtrack (1985)"
ROCKY_IV_SLUG = "rocky-iv-soundtrack-1985"
ROCKY_IV_VIDEO = "https://www.youtube.com/watch?v=btPJPFnesV4"
BACK_TO_THE_FUTURE = "Back to the Future (1985)"
ST_ELMOS_FIRE = "St. Elmo's Fire (1985)"
SERIES_1985 = "Great Soundtracks of 1985"
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"

# The reader pages the checks visit, by name; every one of them shows Rocky IV.
READER_PAGES = ["home", "post", "series", "search"]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def record_requests(page) -> list[str]:
    """Every URL the page asks for from now on, subresources and frames included."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def block_other_origins(page, site: str) -> None:
    """Abort any request that would leave ``site``: this machine has no internet."""
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if origin(route.request.url) == origin(site)
            else route.abort("blockedbyclient")
        ),
    )


def elsewhere(urls: list[str], site: str) -> list[str]:
    return [url for url in urls if origin(url) != origin(site)]


def csp_errors(page) -> list[str]:
    """Console reports of anything the Content-Security-Policy refused, from now on."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def draw_everything(page) -> None:
    """Lay out what the theme draws only as it scrolls into view (comment cards
    have ``content-visibility: auto``), so a full-page screenshot shows it
    instead of blank space. Set through the CSSOM, which the CSP allows."""
    page.evaluate(
        """() => document.querySelectorAll('*').forEach(e => {
            if (getComputedStyle(e).contentVisibility === 'auto')
                e.style.contentVisibility = 'visible';
        })"""
    )
