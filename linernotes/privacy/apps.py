from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "linernotes.privacy"
    label = "privacy"
    verbose_name = "Privacy"
