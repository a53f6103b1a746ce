"""`shield advise`: flags, piped answers, no terminal, --json, and a broken guidance file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from shield.cli.advise import stdin_mode
from shield.cli.main import cli
from shield.schemas import AdvicePlanOut


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A clean environment: no settings leak in from the machine running the tests."""
    for key in list(os.environ):
        if key.startswith("SHIELD_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)  # no .env file here
    monkeypatch.setenv("SHIELD_DATA_DIR", str(tmp_path / "data"))
    return {k: v for k, v in os.environ.items() if not k.startswith("SHIELD_")} | {
        "SHIELD_DATA_DIR": str(tmp_path / "data")
    }


def run(args: list[str], *, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, input=input)
    return result.exit_code, result.stdout, result.stderr


def plan_of(stdout: str) -> AdvicePlanOut:
    return AdvicePlanOut.model_validate_json(stdout)


def test_flags_give_a_plan_as_one_json_document(env: dict[str, str]) -> None:
    code, out, _ = run(
        [
            "advise",
            "--age",
            "15",
            "--country",
            "GB",
            "--paid",
            "yes",
            "--shared",
            "no",
            "--in-contact",
            "yes",
            "--json",
        ]
    )
    assert code == 0
    document = json.loads(out)
    assert set(document) >= {"steps", "services", "urgent"}
    plan = plan_of(out)
    ids = [s.id for s in plan.steps]
    assert ids[:3] == ["not-alone", "do-not-pay-again", "save-evidence"]
    assert "tell-trusted-adult" in ids
    listed = {s.id for s in plan.services}
    assert {"gb-ceop", "gb-report-remove", "gb-police"} <= listed
    for step in plan.steps:
        assert set(step.services) <= listed
    assert plan.age_band == "under-18"
    assert not plan.urgent


def test_urgent_flag_puts_crisis_first_in_human_output(env: dict[str, str]) -> None:
    code, out, _ = run(["advise", "--urgent", "--country", "US"])
    assert code == 0
    first = out.split("\n\n")[1]
    assert "911" in first
    assert "988" in first


def test_piped_answers_are_read_one_per_line(env: dict[str, str]) -> None:
    code, out, err = run(["advise", "--json"], input="no\n16\nie\nno\nyes\nyes\n")
    assert code == 0, err
    plan = plan_of(out)
    assert plan.country == "IE"
    assert plan.age_band == "under-18"
    ids = [s.id for s in plan.steps]
    assert "do-not-pay" in ids
    assert "prepare-people-shared" in ids
    assert "ie-hotline" in {s.id for s in plan.services}


def test_piped_answers_that_run_out_leave_the_rest_unknown(env: dict[str, str]) -> None:
    code, out, _ = run(["advise", "--json"], input="yes\n30\n")
    assert code == 0
    plan = plan_of(out)
    assert plan.urgent
    assert plan.steps[0].id == "get-help-now"
    assert plan.age_band == "adult"
    assert "do-not-pay-unknown" in [s.id for s in plan.steps]


def test_piped_nonsense_counts_as_not_sure(env: dict[str, str]) -> None:
    code, out, _ = run(["advise", "--json"], input="banana\nold\nZZZ\nmaybe\n\n\n")
    assert code == 0
    plan = plan_of(out)
    assert not plan.urgent
    assert plan.age_band == "unknown"
    assert plan.country == "GB"


def test_bad_flags_are_usage_errors(env: dict[str, str]) -> None:
    assert run(["advise", "--age", "200"])[0] == 2
    assert run(["advise", "--paid", "perhaps"])[0] == 2


def shield_process(
    args: list[str], env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    code = "from shield.cli.main import run; run()"
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **kwargs,
    )


def test_no_terminal_and_no_flags_gives_the_general_plan_without_hanging(
    env: dict[str, str],
) -> None:
    done = shield_process(["advise", "--json"], env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    plan = plan_of(done.stdout)
    assert plan.age_band == "unknown"
    assert plan.steps[0].id == "not-alone"


def test_an_open_pipe_that_never_speaks_does_not_hang(env: dict[str, str]) -> None:
    code = "from shield.cli.main import run; run()"
    with subprocess.Popen(
        [sys.executable, "-c", code, "advise", "--json"],
        env=env,
        stdin=subprocess.PIPE,  # held open, never written
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        out, err = _wait(process)
    assert process.returncode == 0, err
    assert plan_of(out).age_band == "unknown"


def _wait(process: subprocess.Popen[str]) -> tuple[str, str]:
    assert process.stdout is not None and process.stderr is not None
    process.wait(timeout=60)  # stdin stays open: the command must not wait for it
    out, err = process.stdout.read(), process.stderr.read()
    assert process.stdin is not None
    process.stdin.close()
    return out, err


def test_a_broken_guidance_file_is_one_line_and_exit_2(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "mine.yaml"
    broken.write_text("version: 1\ncountries: {}\nservices: []\nsteps: []\n", encoding="utf-8")
    done = shield_process(
        ["advise", "--age", "15"],
        env | {"SHIELD_GUIDANCE_FILE": str(broken)},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(broken) in lines[0]
    assert "services" in lines[0]


def test_stdin_mode() -> None:
    assert stdin_mode(None) == "none"
    with open(os.devnull, encoding="utf-8") as devnull:
        assert stdin_mode(devnull) == "piped"  # readable at once: EOF, answers run out
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(read_end, encoding="utf-8") as silent:
            assert stdin_mode(silent) == "none"
    finally:
        os.close(write_end)


def test_guidance_check_accepts_the_shipped_file_and_refuses_a_broken_copy(
    env: dict[str, str], tmp_path: Path
) -> None:
    code, out, _ = run(["guidance", "check", "--json"])
    assert code == 0
    summary = json.loads(out)
    assert {"GB", "IE", "US", "CA", "AU", "INTL"} <= set(summary["countries"])
    assert summary["services"] > 30
    broken = tmp_path / "copy.yaml"
    broken.write_text("version: 2\n", encoding="utf-8")
    done = shield_process(["guidance", "check", str(broken)], env, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert str(broken) in done.stderr


def test_guidance_services_lists_a_countrys_catalogue(env: dict[str, str]) -> None:
    code, out, _ = run(["guidance", "services", "--country", "AU", "--json"])
    assert code == 0
    listed = json.loads(out)
    assert {s["id"] for s in listed} >= {"au-accce", "au-esafety", "au-kids-helpline"}
    assert all(s["country"] == "AU" and s["checked"] for s in listed)


def test_a_person_at_a_terminal_is_asked_and_a_wrong_answer_is_asked_again(
    env: dict[str, str],
) -> None:
    """The questionnaire on a real pseudo-terminal: typed answers, one of them wrong."""
    import pty

    main_fd, terminal_fd = pty.openpty()
    code = "from shield.cli.main import run; run()"
    with subprocess.Popen(
        [sys.executable, "-c", code, "advise", "--json"],
        env=env,
        stdin=terminal_fd,
        stdout=subprocess.PIPE,
        stderr=terminal_fd,
        text=True,
    ) as process:
        os.close(terminal_fd)
        # in danger? / age (first wrong, then 14) / country / paid / shared / in contact
        os.write(main_fd, b"no\nfourteen\n14\nca\nno\nnot sure\nyes\n")
        out, _ = process.communicate(timeout=60)
        asked = b""
        try:
            while chunk := os.read(main_fd, 65536):
                asked += chunk
        except OSError:
            pass
        os.close(main_fd)
    assert process.returncode == 0
    plan = plan_of(out)
    assert (plan.country, plan.age_band) == ("CA", "under-18")
    ids = [s.id for s in plan.steps]
    assert "do-not-pay" in ids and "stop-contact" in ids
    assert {"ca-cybertip", "ca-needhelpnow"} <= {s.id for s in plan.services}
    text = asked.decode(errors="replace")
    assert "How old are you?" in text
    assert "type your age as a number" in text  # the wrong answer was explained
