"""Run the test OpenID Connect provider as a real process, and talk to it.

``running_provider`` generates a fresh RSA signing key, starts
``tests.oidc_provider.serve`` on a free loopback port with its own SQLite file,
waits for its discovery document and stops it afterwards; given a ``forgery``
(a name from ``forgery.FORGERIES``), its token endpoint hands out that forged ID
token instead of the one it signed. ``approve_at_provider`` plays the reader at
the provider's pages: sign in, get sent back to the client with a code.
``fetch_id_token`` also plays the client, trading the code for tokens, so a test
holds a genuine ID token to compare tampered ones against.
"""

import base64
import hashlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Provider:
    url: str
    client_id: str
    client_secret: str
    username: str
    password: str
    email: str
    name: str

    def liner_notes_environment(self, name: str = "Test ID") -> dict[str, str]:
        """The variables an operator would set to use this provider."""
        return {
            "LINERNOTES_OIDC_SERVER_URL": self.url,
            "LINERNOTES_OIDC_CLIENT_ID": self.client_id,
            "LINERNOTES_OIDC_SECRET": self.client_secret,
            "LINERNOTES_OIDC_NAME": name,
        }


def new_rsa_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_provider(
    tmp_path: Path, redirect_uris: list[str], *, forgery: str = ""
) -> Iterator[Provider]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    provider = Provider(
        url=url,
        client_id="liner-notes-" + secrets.token_hex(4),
        client_secret=secrets.token_urlsafe(24),
        username="nova",
        password="provider-pw-" + secrets.token_hex(4),
        email="nova@id.example.org",
        name="Nova Reyes",
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "OIDC_TEST_DATABASE": str(tmp_path / "provider.sqlite3"),
        "OIDC_TEST_ISSUER": url,
        "OIDC_TEST_RSA_PRIVATE_KEY": new_rsa_key_pem(),
        "OIDC_TEST_USERNAME": provider.username,
        "OIDC_TEST_PASSWORD": provider.password,
        "OIDC_TEST_EMAIL": provider.email,
        "OIDC_TEST_CLIENT_ID": provider.client_id,
        "OIDC_TEST_CLIENT_SECRET": provider.client_secret,
        "OIDC_TEST_REDIRECT_URIS": " ".join(redirect_uris),
        "OIDC_TEST_FORGERY": forgery,
    }
    server = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(url, server)
        yield provider
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            requests.get(f"{url}/.well-known/openid-configuration", timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise TimeoutError("the test OpenID Connect provider did not start")


def approve_at_provider(provider: Provider, authorize_url: str) -> str:
    """Sign in at the provider and follow ``authorize_url``: where it sends the
    reader back to, the client's callback URL with a code and the state."""
    session = _signed_in_session(provider)
    authorized = session.get(authorize_url, allow_redirects=False, timeout=10)
    return authorized.headers["Location"]


def _signed_in_session(provider: Provider) -> requests.Session:
    session = requests.Session()
    login_page = session.get(f"{provider.url}/login/", timeout=10)
    session.post(
        f"{provider.url}/login/",
        data={
            "username": provider.username,
            "password": provider.password,
            "csrfmiddlewaretoken": login_page.cookies["provider_csrftoken"],
        },
        headers={"Referer": f"{provider.url}/login/"},
        timeout=10,
    )
    return session


def fetch_id_token(provider: Provider, redirect_uri: str) -> str:
    """Sign in at the provider and redeem the code: the ID token it hands out."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid profile email",
            "state": "s",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    back = approve_at_provider(provider, f"{provider.url}/authorize/?{query}")
    code = parse_qs(urlsplit(back).query)["code"][0]
    tokens = requests.post(
        f"{provider.url}/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
            "code_verifier": verifier,
        },
        timeout=10,
    ).json()
    return tokens["id_token"]
