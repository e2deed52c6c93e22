from django.apps import AppConfig


class SpamConfig(AppConfig):
    name = "linernotes.spam"
    label = "spam"
    verbose_name = "Spam filter"
