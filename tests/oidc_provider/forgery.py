"""Forged ID tokens, made from a genuine one the provider signed.

Each forgery keeps the issuer, audience, expiry and key id of the genuine token,
so a client that checks everything but the signature accepts it. The provider's
token endpoint hands them out when started with a ``forgery``
(``harness.running_provider``); tests also build them directly.
"""

import base64
import json
from collections.abc import Callable

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

# What an attacker would want an altered token to say.
MALLORY = {"sub": "999", "email": "mallory@evil.example", "name": "Mallory"}
# Not a token forgery: the userinfo endpoint answers about Mallory instead.
FORGED_USERINFO = "userinfo"


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def b64(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def altered(token: str) -> str:
    """The provider's header and signature, with Mallory's claims in between."""
    header, _, signature = token.split(".")
    return ".".join([header, b64({**claims_of(token), **MALLORY}), signature])


def signed_by_another_key(token: str) -> str:
    """The same claims and key id, signed with a key the provider never had."""
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.encode(
        claims_of(token), other_key, algorithm="RS256", headers={"kid": kid}
    )


def unsigned(token: str) -> str:
    """``alg: none`` with the provider's key id and no signature."""
    kid = jwt.get_unverified_header(token)["kid"]
    header = {"alg": "none", "typ": "JWT", "kid": kid}
    return f"{b64(header)}.{b64(claims_of(token))}."


def symmetric(token: str) -> str:
    """HS256 under the provider's key id: a client that takes the algorithm
    from the token might check it with the public key as a shared secret."""
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.encode(
        claims_of(token),
        "a-guessable-secret-" * 2,
        algorithm="HS256",
        headers={"kid": kid},
    )


def without_key_id(token: str) -> str:
    """Signed with another key, naming no key of the provider's at all."""
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims_of(token), other_key, algorithm="RS256")


FORGERIES: dict[str, Callable[[str], str]] = {
    "altered": altered,
    "another-key": signed_by_another_key,
    "unsigned": unsigned,
    "symmetric": symmetric,
    "no-key-id": without_key_id,
}
