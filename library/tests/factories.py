from __future__ import annotations

import factory

from accounts.tests.factories import UserFactory
from library.models import AnswerRehearsal, SavedAnswer
from library.services import _tags_set


class SavedAnswerFactory(factory.django.DjangoModelFactory[SavedAnswer]):
    """An answer with STAR parts; ``tags=["a", "b"]`` sets tags through the service helper."""

    class Meta:
        model = SavedAnswer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Answer number {n}")
    question = "Tell me about a time you handled a difficult situation."
    category = "behavioral"
    situation = "Our release was at risk."
    task = "I owned the rollout plan."
    action = "I split the work and set daily check-ins."
    result = "We shipped on time with zero incidents."

    @factory.post_generation
    def tags(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            _tags_set(answer=self, names=extracted)


class AnswerRehearsalFactory(factory.django.DjangoModelFactory[AnswerRehearsal]):
    class Meta:
        model = AnswerRehearsal

    answer = factory.SubFactory(SavedAnswerFactory)
