"""first_line: every one-line report (cache warnings, skipped documents, query errors) uses it."""

from graphkit.errors import first_line


def test_first_line_of_a_message_or_the_error_class():
    assert first_line(ValueError("bad byte\nat 12")) == "bad byte"
    assert first_line(ValueError("\n  \nsecond")) == "second"
    # an empty message used to crash the caches' warning (str(error).splitlines()[0])
    assert first_line(ValueError()) == "ValueError"
