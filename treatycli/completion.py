"""Shell completion of references, answered at a lookup's speed.

`treatycli --install-completion` installs Typer's script for bash, zsh or fish; at each <TAB>
the shell runs treatycli with _TREATYCLI_COMPLETE set. A request to complete a reference
(`treatycli show <TAB>`, `treatycli --doc x.txt grep 合作 <TAB>`) is answered here, without
importing Typer, in the format Typer's completion classes print; any other request (command
names, options, option values) goes to Typer, whose callback for references calls
`candidates` too, so both answer alike.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def candidates(settings, incomplete: str) -> list[str]:
    """The document's references that start with `incomplete`, one level deeper than it
    reaches: `4` offers 4 (and 40…), `4.` offers 4.1, 4.2. Nothing when it cannot be read."""
    from .commands.selection import document_for, selected
    from .errors import TreatyError
    from .units import build_units

    try:
        chosen = selected(settings)
        if len(chosen) != 1 or chosen[0].path == "-":
            return []  # across documents a reference needs its name first; stdin is the terminal
        doc = document_for(chosen[0], settings.encoding, settings.max_size)
    except TreatyError:
        return []
    depth = incomplete.count(".")
    root = build_units(doc)
    refs = (unit.ref for unit in root.walk() if unit is not root)
    return [ref for ref in dict.fromkeys(refs) if ref.startswith(incomplete) and ref.count(".") <= depth]


def split_words(line: str) -> list[str]:
    """A command line as the shell passed it, split like Click does (a partial quote kept)."""
    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    words: list[str] = []
    try:
        words.extend(lex)
    except ValueError:
        words.append(lex.token)
    return words


def _request(environ) -> tuple[str, list[str], str] | None:
    """(shell, words before the cursor, the word being completed), from what the shell set."""
    instruction, _, shell = environ.get("_TREATYCLI_COMPLETE", "").partition("_")
    if instruction != "complete" or shell not in _SHELLS:
        return None
    if shell == "bash":
        words = split_words(environ.get("COMP_WORDS", ""))
        try:
            cursor = int(environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return shell, words[1:cursor], words[cursor] if cursor < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_words(line)[1:]
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return shell, words[:-1] if incomplete else words, incomplete
    if words and not line.endswith(" "):
        return shell, words[:-1], words[-1]
    return shell, words, ""


def _zsh_quote(value: str) -> str:
    return (
        value.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def formatted(shell: str, values: list[str], environ) -> tuple[str, int]:
    """What Typer's completion class for `shell` prints for these values, and the exit status."""
    if shell == "zsh":
        if not values:
            return "_files\n", 0
        return "_arguments '*: :((" + "\n".join(f'"{_zsh_quote(v)}"' for v in values) + "))'\n", 0
    if shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return "", 0 if values else 1
        return ("\n".join(values) if action == "get-args" and values else "") + "\n", 0
    if shell in ("powershell", "pwsh"):
        return "\n".join(f"{v}::: " for v in values) + "\n", 0
    return "\n".join(values) + "\n", 0


def fast_completion(environ, read_command) -> Callable[[], int] | None:
    """A runnable answer to a request to complete a reference, or None for Typer to answer.
    `read_command(words)` reads a command line as the fast path does: (name, params, group)
    or None when it cannot."""
    from .output import write

    request = _request(environ)
    if request is None or request[2].startswith("-"):
        return None
    shell, words, incomplete = request
    read = read_command(words)
    if read is None:
        return None  # a command name, an option's value, or a line Typer must read
    name, params, settings = read
    if not _completes_a_reference(name, params):
        return None

    def answer() -> int:
        text, status = formatted(shell, candidates(settings, incomplete), environ)
        if text:
            write(text)
        return status

    return answer


def _completes_a_reference(name: str, params: dict) -> bool:
    """Is the word being typed a reference? Not for a command that takes none, nor while its
    leading arguments that are not references (grep's PATTERN, unless -e gave it) are typed."""
    from .commands import not_references

    skipped = 0 if params.get("regexp") else not_references(name)
    positionals = params.get("refs") or params.get("arguments") or ()
    return skipped is not None and len(positionals) >= skipped


def typer_candidates(ctx, incomplete: str) -> list[str]:
    """Typer's autocompletion callback for reference arguments: the same answer."""
    from .commands.settings import settings_from

    if incomplete.startswith("-") or not _completes_a_reference(ctx.command.name, ctx.params):
        return []
    group = ctx.parent.params if ctx.parent is not None else {}
    return candidates(settings_from(ctx.params, settings_from(group)), incomplete)
