"""The background side of mail: every message is sent from one of these tasks.

Tasks take only JSON values (ids, strings), so a queued row in the database says
everything needed to run it again on another worker after a crash.
"""

from django.tasks import task

from . import mail, services


@task()
def deliver(to: str, template: str, context: dict, site: str, unsubscribe: str) -> None:
    """Render and send one message to one address (never a list of readers)."""
    mail.build_message(
        to=to, template=template, context=context, site=site, unsubscribe=unsubscribe
    ).send()


@task()
def notify_about_comment(comment_id: int, site: str) -> int:
    """Fan a published comment out to the replied-to author and the followers."""
    return services.notify_about_comment(comment_id=comment_id, site=site)


@task()
def confirm_reply_address(comment_id: int, site: str) -> bool:
    """Ask a guest, once, to confirm the address reply notices would go to."""
    return services.ask_to_confirm_reply_address(comment_id=comment_id, site=site)


@task()
def send_privacy_link(email: str, url: str) -> None:
    """Mail the signed privacy link a guest asked for (the privacy app's page)."""
    mail.build_message(
        to=email,
        template="privacy_link",
        context={"privacy_url": url},
        site=mail.site_url(link=url),
        unsubscribe=services.address_token(email, "all"),
    ).send()
