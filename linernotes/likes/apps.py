from django.apps import AppConfig


class LikesConfig(AppConfig):
    name = "linernotes.likes"
    label = "likes"
    verbose_name = "Likes"
