"""allauth's account adapter: its mail leaves through the worker, like all mail.

allauth renders and sends each message (address confirmation, password reset,
"you already have an account", sign-in codes, security notices) inside the
reader's request. Rendering stays there, because its links are built from the
request; sending moves to `linernotes worker` through ``core.mail``, after the
request's transaction commits. Templates, subjects and links are allauth's.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from linernotes.core import mail
from linernotes.core.text import strip_control_characters


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The context allauth's own send_mail gives its templates; only the last
        # step differs (queue, not send).
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        mail.send_after_commit(message)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        """A provider's names, cleaned as the blog's own forms clean them: a name
        with a character XML cannot carry would reach feeds and exports."""
        cleaned = {
            key: strip_control_characters(value) if isinstance(value, str) else value
            for key, value in data.items()
        }
        return super().populate_user(request, sociallogin, cleaned)
