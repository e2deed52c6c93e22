"""Comments kept whole from an import (on pages, on attachments, editor notes)
stored the commenter's full IP address, where every other comment keeps only
its network (203.0.113.7 becomes 203.0.113.0); this shortens those already
stored."""

from django.db import migrations

from linernotes.core.ratelimit import truncated_ip


def networks_only(apps, schema_editor):
    WordPressObject = apps.get_model("transfer", "WordPressObject")
    kept = WordPressObject.objects.filter(kind="comment").exclude(data__author_ip="")
    for record in kept.filter(data__has_key="author_ip").iterator():
        address = record.data.get("author_ip") or ""
        network = truncated_ip(address) or ""
        if network != address:
            record.data["author_ip"] = network
            record.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("transfer", "0003_redirect_to_images")]

    operations = [migrations.RunPython(networks_only, migrations.RunPython.noop)]
