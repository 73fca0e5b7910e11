import pytest

from coding.program import WrapperError, assemble_program


def test_the_solution_replaces_the_marker_line():
    wrapper = "import sys\n# @@SOLUTION@@\nprint(solve(sys.stdin.read()))\n"
    program = assemble_program(wrapper=wrapper, solution="def solve(s):\n    return s.upper()\n")
    assert program == "import sys\ndef solve(s):\n    return s.upper()\nprint(solve(sys.stdin.read()))\n"


def test_a_marker_inside_the_candidates_code_is_left_alone():
    wrapper = "#include <bits/stdc++.h>\n  // @@SOLUTION@@\nint main(){}\n"
    program = assemble_program(wrapper=wrapper, solution='// @@SOLUTION@@ is just text "\\1"\n')
    assert program.count("@@SOLUTION@@") == 1
    assert '"\\1"' in program


@pytest.mark.parametrize("wrapper", ["print(1)\n", "# @@SOLUTION@@\n# @@SOLUTION@@\n"])
def test_a_wrapper_without_exactly_one_marker_is_refused(wrapper):
    with pytest.raises(WrapperError):
        assemble_program(wrapper=wrapper, solution="x")


def test_no_wrapper_runs_the_solution_alone():
    assert assemble_program(wrapper="", solution="print(42)") == "print(42)"
