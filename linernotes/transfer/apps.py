from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "linernotes.transfer"
    label = "transfer"
    verbose_name = "Import and export"
