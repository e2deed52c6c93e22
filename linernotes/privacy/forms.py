from django import forms


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254, help_text=None)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, erase my comments, likes and subscriptions. This cannot be undone."
    )
    delete_account = forms.BooleanField(label="Also close my account", required=False)
