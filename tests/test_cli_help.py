"""Every command says what it does and shows an example; completion for bash, zsh, tcsh and fish,
each script loaded by its shell where the shell is installed (Debian: zsh, tcsh, fish)."""

import argparse
import shutil
import subprocess
import sys

import pytest

from casedu.cli import _parser, main


def _commands():
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: (sub, next(c.help for c in action._choices_actions if c.dest == name))
            for name, sub in action.choices.items()}


COMMANDS = sorted(_commands())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_says_what_it_does_with_an_example(name, capsys):
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    _, one_line = _commands()[name]
    description = out.split("\n\n")[1]
    assert description.strip() == one_line and len(one_line) > 10
    example = out[out.index("\nexample:\n") :]
    lines = [line.strip() for line in example.splitlines()[2:] if line.strip()]
    assert lines and lines[0].startswith(f"casedu {name} "), example
    # the example is a command this parser takes (its options exist, its arguments suffice)
    args = _parser().parse_args(lines[0].split()[1:])
    assert args.handler is not None


SHELLS = ("bash", "zsh", "tcsh", "fish")


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_a_completion_script(shell, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--print-completion", shell])
    assert info.value.code == 0
    script = capsys.readouterr().out
    assert "casedu" in script and "summary-create" in script and "institute" in script


def _script(shell, tmp_path):
    path = tmp_path / f"casedu.{shell}"
    done = subprocess.run([sys.executable, "-m", "casedu", "--print-completion", shell],
                          capture_output=True, text=True, check=True)
    path.write_text(done.stdout)
    return path


def _needs(shell):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (Debian: apt-get install {shell})")


def test_bash_completes_the_commands(tmp_path):
    _needs("bash")
    script = _script("bash", tmp_path)
    done = subprocess.run(["bash", "-c", f"""
        source {script}
        COMP_WORDS=(casedu sum); COMP_CWORD=1; COMP_LINE="casedu sum"; COMP_POINT=10
        $(complete -p casedu | sed -E 's/.*-F ([^ ]+).*/\\1/') casedu sum casedu
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) >= {"summary", "summary-create", "summary-submit"}
    assert "validate" not in done.stdout.split()


def test_fish_completes_the_commands_and_options(tmp_path):
    _needs("fish")
    script = _script("fish", tmp_path)
    done = subprocess.run(["fish", "--no-config", "-c",
                           f"source {script}; complete -C 'casedu sum'; "
                           f"complete -C 'casedu summary --ins'"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    words = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert {"summary", "summary-create"} <= set(words) and "--institute" in words
    assert "validate" not in words


def test_zsh_loads_its_script(tmp_path):
    _needs("zsh")
    script = _script("zsh", tmp_path)
    done = subprocess.run(["zsh", "-f", "-c", f"""
        autoload -U compinit && compinit -u -d {tmp_path}/zcompdump
        eval "$(<{script})"
        print -r -- ${{_comps[casedu]}}
    """], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.strip().startswith("_shtab_casedu"), done.stdout


def test_tcsh_loads_its_script(tmp_path):
    _needs("tcsh")
    script = _script("tcsh", tmp_path)
    done = subprocess.run(["tcsh", "-f", "-c", f"source {script}; complete casedu"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "summary-create" in done.stdout and "institute" in done.stdout


def test_each_group_names_the_commands_it_adds():
    """``casedu`` builds only the parsers of the group of the command it runs, found by the
    names each group declares: they are the names it adds, and no two groups share one."""
    from casedu.cli import GROUPS
    from casedu.cli.arguments import Commands

    seen: list[str] = []
    for group in GROUPS:
        parser = argparse.ArgumentParser()
        commands = Commands(parser.add_subparsers())
        group.add_commands(commands)
        assert tuple(commands._subparsers.choices) == group.COMMANDS, group.__name__
        seen += group.COMMANDS
    assert sorted(seen) == COMMANDS


@pytest.mark.parametrize("argv", [
    ["summary", "ws.casedu", "--institute", "IOP", "--year", "2026"],
    ["-v", "summary", "x"], ["-vq", "--verbose", "summary"], ["--quiet", "summary"],
])
def test_a_named_command_builds_its_group_alone(argv):
    parser = _parser(argv)
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(action.choices) == ("validate", "summary", "backbone", "check")


@pytest.mark.parametrize("argv", [
    [], ["--help", "summary"], ["-h", "summary"], ["--version"], ["--print-completion", "bash"],
    ["sumary", "ws.casedu"], ["--", "summary"], ["-x", "summary"],
])
def test_anything_else_builds_every_command(argv):
    parser = _parser(argv)
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(action.choices) == COMMANDS


@pytest.mark.parametrize("first", ["--help", "-h"])
def test_the_help_before_a_command_lists_every_command(first, capsys):
    with pytest.raises(SystemExit) as info:
        main([first, "summary"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert all(f"    {name} " in out or f"    {name}\n" in out for name in COMMANDS)


def test_a_mistyped_command_is_told_with_every_choice(capsys):
    with pytest.raises(SystemExit) as info:
        main(["sumary", "ws.casedu"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'sumary'" in err and "'summary-edit'" in err and "'grant'" in err
