"""Reliability suite: hypothesis profiles and the real pipeline, built once.

``HYPOTHESIS_PROFILE=ci`` (the default) keeps the whole suite under two minutes
on the project's two-core machine; ``make fuzz`` runs the ``long`` profile.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline (shipped model, knowledge base, gazetteer, lexicon), once per session."""
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline

    return Pipeline(Config(batch_size=4, doc_timeout=20))
