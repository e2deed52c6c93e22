"""The admin's WordPress import form, and the upload handler that feeds it.

Exports run to hundreds of megabytes, so the upload never passes through
memory: ``ExportUploadHandler`` writes each file straight into the data
folder's imports folder as it arrives, and the form sees files already on disk.
The form checks only what can be told at once (a zip instead of the XML inside,
an unreadable author map); the importer's first pass in the worker judges the
export itself.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.transfer import runs
from linernotes.transfer.wordpress.importer import read_author_map
from linernotes.transfer.wordpress.reader import ZIPPED, is_zipped

# An author map is a short list of logins; anything larger is not one.
AUTHOR_MAP_MAX_BYTES = 256 * 1024


class StoredUpload(UploadedFile):
    """An uploaded file that is already saved at ``path``; nothing held in memory."""

    def __init__(self, path: Path, **kwargs) -> None:
        super().__init__(file=None, **kwargs)
        self.path = path

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


class ExportUploadHandler(FileUploadHandler):
    """Stream every uploaded file of the request into the imports folder."""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.path = runs.new_upload_path(".upload")
        self.destination = self.path.open("xb")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.destination.write(raw_data)

    def file_complete(self, file_size: int) -> StoredUpload:
        self.destination.close()
        return StoredUpload(
            self.path,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
        )

    def upload_interrupted(self) -> None:
        if getattr(self, "destination", None) is not None:
            self.destination.close()
            self.path.unlink(missing_ok=True)


class WordPressImportForm(forms.Form):
    export_file = forms.FileField(
        label="WordPress export file",
        help_text="The .xml file WordPress gives you under Tools › Export › "
        "All content. WordPress.com sends a .zip: unzip it and choose the .xml "
        "file inside.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Try it first (dry run)",
        help_text="Reads the whole file and shows what would come in, without "
        "changing anything on your blog.",
    )
    author_map = forms.FileField(
        required=False,
        label="Author map (optional)",
        help_text="A CSV file with one line per WordPress author: their WordPress "
        "login, a comma, and their username here (for example “jane_wp,jane”). "
        "Authors not listed are matched by login, or get an account of their own.",
    )
    series_from_categories = forms.CharField(
        required=False,
        max_length=200,
        label="Turn categories into series (optional)",
        help_text="Categories whose names match become series, in date order. "
        "Use * for any text: “Great Soundtracks*” matches “Great Soundtracks "
        "of 1985”.",
    )
    include_feedback = forms.BooleanField(
        required=False,
        label="Import contact-form messages",
        help_text="WordPress.com keeps messages readers sent through your contact "
        "form. They are personal data, so they stay behind unless you tick "
        "this; imported ones are private.",
    )

    def clean_export_file(self) -> StoredUpload:
        upload = self.cleaned_data["export_file"]
        if is_zipped(upload.path):
            raise forms.ValidationError(ZIPPED)
        return upload

    def clean_author_map(self) -> dict[str, str]:
        upload = self.cleaned_data.get("author_map")
        if not upload:
            return {}
        if upload.size > AUTHOR_MAP_MAX_BYTES:
            raise forms.ValidationError(
                "This author map is too large to be a list of authors."
            )
        try:
            text = upload.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The author map must be a plain-text CSV file saved as UTF-8."
            ) from None
        try:
            return read_author_map(text)
        except ImportFileInvalid as error:
            raise forms.ValidationError(str(error)) from None

    def options(self) -> runs.RunOptions:
        data = self.cleaned_data
        return runs.RunOptions(
            dry_run=data["dry_run"],
            author_map=data["author_map"],
            series_from_categories=data["series_from_categories"].strip(),
            include_feedback=data["include_feedback"],
        )

    def discard_uploads(self) -> None:
        """Remove the request's uploaded files that no run took over."""
        for upload in self.files.values():
            if isinstance(upload, StoredUpload):
                upload.discard()
