"""The one registry pattern behind every seam between apps (decision 0022)."""

import pytest

from linernotes.core.registry import Registry


def first() -> str:
    return "first"


def second() -> str:
    return "second"


def third() -> str:
    return "third"


def test_entries_come_in_their_stated_order_not_registration_order():
    registry = Registry("sections")
    registry.register(third, order=30)
    registry.register(first, order=10)
    registry.register(second, order=20)

    assert [entry() for entry in registry] == ["first", "second", "third"]


def test_equal_orders_fall_back_to_the_name():
    registry = Registry("jobs")
    registry.register(second, name="b.second")
    registry.register(first, name="a.first")

    assert registry.values() == (first, second)


def test_registering_a_name_again_replaces_it():
    """As a repeated ``ready()`` does; a list kept both copies before dedup."""
    registry = Registry("listeners")
    registry.register(first, order=50)
    registry.register(first, order=5)
    registry.register(second, order=10)

    assert [(e.name.rpartition(".")[2], e.order) for e in registry.entries()] == [
        ("first", 5),
        ("second", 10),
    ]


def test_a_value_without_a_name_of_its_own_must_be_named():
    registry = Registry("jobs")

    with pytest.raises(TypeError, match="Name this"):
        registry.register(object())
