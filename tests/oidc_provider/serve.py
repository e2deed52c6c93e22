"""Start the test provider: migrate its database, seed it, serve on loopback.

Run as ``python -m tests.oidc_provider.serve PORT`` with the variables
``harness.running_provider`` sets. Seeds one user and one confidential client
whose consent is skipped (a first-party client, as a company's own sign-in
would be), RS256-signed, allowed to return only to the given redirect URIs.
"""

import os
import sys

import django


def seed() -> None:
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    user = get_user_model().objects.create_user(
        username=os.environ["OIDC_TEST_USERNAME"],
        password=os.environ["OIDC_TEST_PASSWORD"],
        email=os.environ["OIDC_TEST_EMAIL"],
        first_name="Nova",
        last_name="Reyes",
    )
    Application.objects.create(
        name="Liner Notes",
        user=user,
        client_id=os.environ["OIDC_TEST_CLIENT_ID"],
        client_secret=os.environ["OIDC_TEST_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_TEST_REDIRECT_URIS"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main(port: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    seed()
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1])
