"""Export and erase for the privacy app: by account or by bare address."""

import pytest

from linernotes.notifications import services
from linernotes.notifications.models import MailAddress, Subscription
from linernotes.notifications.personal_data import (
    erase_personal_data,
    export_personal_data,
)

pytestmark = pytest.mark.django_db


def test_export_lists_subscriptions_and_preferences_of_that_address_only(
    make_subscription, make_series
):
    make_subscription(email="rae@example.org", kind="series", series=make_series())
    make_subscription(email="sam@example.org")
    services.stop_mail(email="rae@example.org", kind="digest")

    rows = export_personal_data(email="RAE@example.org")

    assert sorted(row["type"] for row in rows) == ["mail preferences", "subscription"]
    assert {row["email"] for row in rows} == {"rae@example.org"}


def test_erase_by_account_removes_what_its_email_holds(make_subscription, make_user):
    user = make_user(email="Rae@example.org")
    make_subscription(email="rae@example.org")
    make_subscription(email="sam@example.org")
    services.stop_mail(email="rae@example.org", kind="replies")

    erased = erase_personal_data(user=user)

    assert erased == 2
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "sam@example.org"
    ]
    assert not MailAddress.objects.exists()
