"""A wrong link is worse than no link: names link only when name and context agree."""
from __future__ import annotations

import pytest

from eventcoder.actors.context import TitleContext
from eventcoder.actors.kb import KnowledgeBase
from eventcoder.actors.resolver import ActorResolver


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(KnowledgeBase.load(use_env=False))


def test_exact_name_links_without_context(resolver):
    best = resolver.link_person("Sergey Lavrov", TitleContext(), "2025-05-13")
    assert best is not None and best[1].name == "Sergey Lavrov"


def test_garbled_name_links_with_its_office(resolver):
    ctx = TitleContext(words=["Foreign", "Minister"], roles=["foreign_minister"])
    best = resolver.link_person("Sergei Liabakov", ctx, "2025-05-13")
    assert best is not None and best[1].name == "Sergey Lavrov"


def test_similar_name_without_supporting_context_does_not_link(resolver):
    # A near spelling of a known surname, with no title, no country and an article about
    # another country: another person.
    best = resolver.link_person("Sergei Lavrova", TitleContext(), "2025-05-13", prior=["NGA"])
    assert best is None


def test_similar_name_links_when_the_article_is_about_their_country(resolver):
    best = resolver.link_person("Sergei Lavrow", TitleContext(), "2025-05-13", prior=["RUS"])
    assert best is not None and best[1].name == "Sergey Lavrov"


def test_title_of_another_country_blocks_a_link(resolver):
    ctx = TitleContext(words=["Nigerian", "Foreign", "Minister"], roles=["foreign_minister"], countries=["NGA"])
    best = resolver.link_person("Sergey Lavrov", ctx, "2025-05-13")
    assert best is None
