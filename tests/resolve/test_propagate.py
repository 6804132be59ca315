"""Name propagation finds exactly the occurrences one regular expression of every name would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.resolve.propagate import _by_first_word, _occurrences

NAMES = ["Kim", "Kim Jong-un", "Xi", "Xi Jinping", "U.S.", "US", "Trump", "Trump)", "Jong", "Trumpet", "Ke"]
PIECES = ["Kim", " ", "Jong", "-", "un", "Xi", "Jinping", "U.S.", "US", ".", ",", "(", ")", "Trump", "Trumpet", "é",
          "\u0301", "_", "a", "1", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.sets(st.sampled_from(NAMES), min_size=1), st.lists(st.sampled_from(PIECES), max_size=30), st.data())
def test_occurrences_are_those_of_the_regular_expression(names, pieces, data):
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    expected = [match.span() for match in pattern.finditer(text, start, end)]
    assert list(_occurrences(text, start, end, _by_first_word(names))) == expected
