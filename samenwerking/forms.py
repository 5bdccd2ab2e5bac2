"""The login forms of the site and of admin, with the username's length checked on the server."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class GebruikersnaamBegrensd:
    """Django's login forms set the username's max_length after the field is made, so it reaches only the HTML.

    A longer name went on to authenticate(), and django-axes could not record that failed attempt in its
    255-character column on PostgreSQL: a 500 instead of a message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["username"]
        veld.validators.append(MaxLengthValidator(veld.max_length))


class InlogForm(GebruikersnaamBegrensd, AuthenticationForm):
    pass


class BeheerInlogForm(GebruikersnaamBegrensd, AdminAuthenticationForm):
    pass
