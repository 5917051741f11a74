"""The rules the suite holds itself to: a test that checks nothing fails, and the property
test of both interfaces searches new command lines on every run."""

from pathlib import Path

CONFTEST = Path(__file__).with_name("conftest.py")


def test_a_test_that_checks_nothing_fails_and_one_that_checks_passes(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(
        test_rules="""
        import pytest

        def test_no_assert():
            sum([1, 2])

        def test_an_assert_in_an_empty_loop():
            for item in []:
                assert item

        def test_an_assert():
            assert sum([1, 2]) == 3

        def test_raises():
            with pytest.raises(ZeroDivisionError):
                1 / 0

        def test_raises_that_does_not_raise():
            with pytest.raises(ZeroDivisionError):
                pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "enable_assertion_pass_hook=true")
    outcomes = result.parseoutcomes()
    assert (outcomes.get("passed"), outcomes.get("failed")) == (2, 3)
    failed = sorted(
        line.split("::")[1].split(" ")[0] for line in result.outlines if line.startswith("FAILED")
    )
    assert failed == ["test_an_assert_in_an_empty_loop", "test_no_assert", "test_raises_that_does_not_raise"]
    assert sum("passed without checking anything" in line for line in result.outlines) >= 2


def test_the_interface_parity_test_explores_new_command_lines():
    from hypothesis import settings

    from .test_interface import test_both_paths_give_the_same_exit_code_stdout_and_stderr as parity

    chosen = parity._hypothesis_internal_use_settings  # the settings @settings gave it
    assert isinstance(chosen, settings)
    assert chosen.derandomize is False and chosen.database is None
