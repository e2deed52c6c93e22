from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "linernotes.catalogue"
    label = "catalogue"
    verbose_name = "Music catalogue"
