"""``linernotes spam train | evaluate FILE [--train-exclude FILE] | report``.

``train`` rebuilds the text model (from the site's own decisions once there
are enough, else the public cold-start data) and stores it as the next
version; ``evaluate`` prints one JSON object and writes nothing; ``report``
prints what the stored model was trained on and how well it did.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linernotes.spam.services import latest_model, min_site_examples


class Command(BaseCommand):
    help = "Train, evaluate or report on the spam filter's text model."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser(
            "train",
            help="Train the text model now and store it as the next version.",
            description="Uses the site's own moderation decisions once there are "
            f"at least LINERNOTES_SPAM_MIN_SITE_EXAMPLES ({min_site_examples()} "
            "here) of both kinds; otherwise the public cold-start data, and says why.",
        )
        evaluate = actions.add_parser(
            "evaluate",
            help="Judge a labelled file and print one JSON object; writes nothing.",
            description="FILE is a CSV with CONTENT and CLASS columns (1 = spam) or "
            "'ham|spam<TAB>text' lines. Progress goes to stderr.",
        )
        evaluate.add_argument("file", type=Path)
        evaluate.add_argument(
            "--train-exclude",
            type=Path,
            action="append",
            default=[],
            metavar="FILE",
            help="Leave this file's texts out of training (repeatable).",
        )
        actions.add_parser(
            "report", help="What the stored model learnt from and scores."
        )

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action}")(**options)

    def _train(self, **options) -> None:
        from linernotes.spam.services import train_and_store
        from linernotes.spam.training import CorpusError

        self.stderr.write("Training the spam text model…")
        try:
            result = train_and_store()
        except CorpusError as error:
            raise CommandError(str(error)) from error
        if why_not := result.not_site_trained_because:
            self.stdout.write(f"Not trained on the site's own data: {why_not}.")
        self.stdout.write(_describe(result.model))

    def _evaluate(self, *, file: Path, train_exclude: list[Path], **options) -> None:
        from linernotes.spam.evaluation import evaluate
        from linernotes.spam.training import CorpusError

        try:
            figures = evaluate(
                file,
                tuple(train_exclude),
                progress=lambda line: self.stderr.write(line),
            )
        except CorpusError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(figures))

    def _report(self, **options) -> None:
        model = latest_model()
        if model is None:
            self.stdout.write(
                "No text model is stored yet: the worker trains one on its first "
                "run, or run `linernotes spam train`."
            )
            return
        self.stdout.write(_describe(model))


def _describe(model) -> str:
    metrics = model.metrics or {}

    def percent(key: str) -> str:
        value = metrics.get(key)
        return "–" if value is None else f"{100 * value:.1f}%"

    return "\n".join(
        [
            f"Text model v{model.version}, trained {model.created_at:%Y-%m-%d %H:%M} "
            f"UTC on {model.trained_on}.",
            f"Threshold {model.threshold:.3f}; "
            + (
                "the site's own model."
                if model.site_trained
                else "cold start (public data)."
            ),
            f"Precision {percent('precision')}, recall {percent('recall')}, "
            f"ham false-positive rate {percent('ham_fpr')} "
            f"(measured on {metrics.get('measured_on', 'unknown')}; "
            f"{metrics.get('n', 0)} texts).",
            f"Stored size {model.size_bytes / 1024 / 1024:.1f} MB.",
        ]
    )
