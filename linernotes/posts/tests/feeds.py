"""Reading feeds in tests: RSS and Atom alike, element by element."""

from defusedxml import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url: str, **headers) -> list[tuple[str, str, str]]:
    """(title, link, content) of every item or entry, RSS and Atom alike."""
    response = client.get(url, **headers)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    if root.tag == f"{ATOM}feed":
        return [
            (
                e.findtext(f"{ATOM}title"),
                e.find(f"{ATOM}link").get("href"),
                e.findtext(f"{ATOM}summary"),
            )
            for e in root.findall(f"{ATOM}entry")
        ]
    return [
        (i.findtext("title"), i.findtext("link"), i.findtext("description"))
        for i in root.findall("./channel/item")
    ]
