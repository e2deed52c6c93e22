"""Comments keep only the commenter's network (decision 0037): the addresses
stored before are shortened the same way new ones are."""

from django.db import migrations, models

from linernotes.core.ratelimit import truncated_ip


def shorten_stored_addresses(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    stored = Comment.objects.exclude(ip_address=None)
    addresses = list(stored.values_list("ip_address", flat=True).distinct())
    for address in addresses:
        shortened = truncated_ip(address)
        if shortened != address:
            stored.filter(ip_address=address).update(ip_address=shortened)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0008_comment_approved_address_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="ip_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="comment",
            name="ip_address",
            field=models.GenericIPAddressField(
                blank=True,
                help_text="The commenter's network, not the address.",
                null=True,
            ),
        ),
        migrations.RunPython(shorten_stored_addresses, migrations.RunPython.noop),
    ]
