"""Where a reader's data lives: one list of the apps' ``personal_data`` modules.

Each module offers ``export_personal_data(*, user=None, email=None, ...) ->
list[dict]`` and ``erase_personal_data(*, user=None, email=None, ...) -> int``;
likes also takes ``guest_ids`` (its browser ids for guests), and a module that
keeps network details offers ``blank_network_details(*, before) -> int`` for the
retention purge. Adding a kind of personal data means adding one line here.
"""

import importlib
import inspect
from dataclasses import dataclass
from types import ModuleType

# Export key -> module. The key names the section of the exported JSON file.
PERSONAL_DATA_MODULES = {
    "spam_training_text": "linernotes.spam.personal_data",  # before comments
    "comments": "linernotes.comments.personal_data",
    "likes": "linernotes.likes.personal_data",
    "subscriptions": "linernotes.notifications.personal_data",
    "imported_comments": "linernotes.transfer.personal_data",
}


@dataclass(frozen=True)
class Source:
    key: str
    module: ModuleType

    def call(self, name: str, **kwargs) -> object:
        """Call ``name`` with the keyword arguments its signature accepts, so a
        module that knows nothing of guest ids is simply not given them."""
        function = getattr(self.module, name)
        accepted = inspect.signature(function).parameters
        return function(**{k: v for k, v in kwargs.items() if k in accepted})


def personal_data_sources() -> list[Source]:
    """The personal-data modules, in the order listed."""
    return [
        Source(key, importlib.import_module(path))
        for key, path in PERSONAL_DATA_MODULES.items()
    ]
