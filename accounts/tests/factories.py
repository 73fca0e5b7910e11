from __future__ import annotations

import functools

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple"


@functools.cache
def _hashed_default_password() -> str:
    # Argon2 is deliberately slow; hash the shared test password once per run.
    return make_password(DEFAULT_PASSWORD)


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user whose login email is verified unless ``verified=False`` is passed."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    display_name = factory.Faker("first_name")
    time_zone = "UTC"
    target_role = "Backend engineer"
    password = factory.LazyFunction(_hashed_default_password)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=extracted is not False)
