"""The media-storage tests."""

import pytest

# Shared assertion helpers get pytest's detailed assertion messages, as test modules do.
pytest.register_assert_rewrite("tests.policy_support", "tests.e2e.django_app")
