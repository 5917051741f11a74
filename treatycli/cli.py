"""The Typer app: the one declaration of the interface. Each command forwards what Click
parsed to `commands.run_command`; the fast path (fastpath.py) reads argument lists from a table
generated from this module (interface.py) and calls the same function. The commands it
declares are those the registry (commands/__init__.py) lists."""

from __future__ import annotations

import functools
import inspect
import sys
from typing import Annotated, Optional

import click
import typer
import typer.main

from . import __version__, commands, completion
from .commands.settings import settings_from
from .errors import TreatyError
from .limits import DEFAULT_MAX_SIZE_TEXT, DEFAULT_REGEX_TIMEOUT

COMMAND_SUMMARY = commands.summary()
GLOBAL_PANEL = "Global options (before or after the command)"

cli = typer.Typer(
    name="treatycli",
    help=f"Query a treaty text by article: {COMMAND_SUMMARY}. "
    "With no --doc, the built-in treaty (Russia–Tajikistan, 1999) is used.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DocOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--doc",
        help="A treaty text file (- reads standard input), a folder of them, or a library name, instead "
        "of the built-in treaty; repeat it to read several [env var: TREATYCLI_DOC].",
        rich_help_panel=GLOBAL_PANEL,
    ),
]
LibraryOption = Annotated[
    bool,
    typer.Option(
        "--library",
        help="Read every document of the library (see `treatycli library`).",
        rich_help_panel=GLOBAL_PANEL,
    ),
]
EncodingOption = Annotated[
    Optional[str],
    typer.Option(
        "--encoding", help="Read the file in this encoding (default: detect).", rich_help_panel=GLOBAL_PANEL
    ),
]
ColorOption = Annotated[
    Optional[str],
    typer.Option(
        "--color",
        help="Colour and Rich layout: auto (on a terminal), always, never.",
        rich_help_panel=GLOBAL_PANEL,
    ),
]
MaxSizeOption = Annotated[
    Optional[str],
    typer.Option(
        "--max-size",
        help=f"Refuse documents larger than this (bytes, or 500K, 64M, 1G; default {DEFAULT_MAX_SIZE_TEXT}).",
        rich_help_panel=GLOBAL_PANEL,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (fields documented in the README).")]

# The global options, accepted before the command (on the group) and after it (on each command).
_GLOBAL_PARAMETERS = {
    "doc": DocOption,
    "encoding": EncodingOption,
    "color": ColorOption,
    "max_size": MaxSizeOption,
    "library": LibraryOption,
}


def _complete_references(ctx: typer.Context, incomplete: str) -> list[str]:
    return completion.typer_candidates(ctx, incomplete)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"treatycli {__version__}")
        raise typer.Exit()


@cli.callback()
def main(
    ctx: typer.Context,
    doc: DocOption = None,
    encoding: EncodingOption = None,
    color: ColorOption = None,
    max_size: MaxSizeOption = None,
    library: LibraryOption = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Query a treaty text by article.

    Example: treatycli show 4.2
    """
    ctx.obj = settings_from(
        {"doc": doc, "encoding": encoding, "color": color, "max_size": max_size, "library": library}
    )


library_cli = typer.Typer(
    name="library",
    help="Keep many documents in one library, to read and search them together.",
    no_args_is_help=True,
)
cli.add_typer(library_cli, name="library")


def command(name: str, group: typer.Typer = cli, help: str | None = None):
    """Register a command that also takes the global options, and forwards every parameter
    Click parsed to `commands.run_command` under its path (`show`, `library add`): its body is
    never run. The path must be one the registry lists."""
    listed = name if group is cli else f"{group.info.name} {name}"
    if listed not in commands.COMMANDS:
        raise LookupError(f"{listed!r} is declared here but not listed in treatycli/commands/__init__.py")

    def register(function):
        signature = inspect.signature(function, eval_str=True)
        extra = [
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                default=False if key == "library" else None,
                annotation=annotation,
            )
            for key, annotation in _GLOBAL_PARAMETERS.items()
        ]

        @functools.wraps(function)
        def forward(ctx: typer.Context, **_parsed) -> int:
            path = ctx.command_path.split(" ", 1)[1]
            return commands.run_command(path, ctx.find_root().obj, dict(ctx.params))

        forward.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])
        forward.__annotations__ = {**function.__annotations__, **_GLOBAL_PARAMETERS}
        return group.command(name, help=help)(forward)

    return register


@command("list")
def list_(ctx: typer.Context, as_json: JsonOption = False) -> int:
    """List the articles: reference, paragraphs, length and opening words.

    Example: treatycli list --json
    """


@command("show")
def show(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="References: 4, 4.2, 3-5, 1,4,7, 第四条第二款, art. 4(2), preamble.3, all.",
            autocompletion=_complete_references,
        ),
    ] = None,
    as_json: JsonOption = False,
    parallel: Annotated[
        bool,
        typer.Option(
            "--parallel",
            help="Side by side: each unit in every document read (--doc twice), aligned by reference.",
        ),
    ] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="With --parallel: a Markdown table, a column a document.")
    ] = False,
) -> int:
    """Show articles, paragraphs or named parts by reference.

    Example: treatycli show 4.2 第七条 preamble.3; treatycli show 7 --doc en.pdf --doc fr.pdf --parallel
    """


@command("info")
def info(ctx: typer.Context, as_json: JsonOption = False) -> int:
    """Show the title, parties, session and agenda, letter, signing and counts.

    Example: treatycli info --json
    """


@command("export")
def export(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Only these units and what encloses them (default: the whole document).",
            autocompletion=_complete_references,
        ),
    ] = None,
    export_format: Annotated[
        Optional[str],
        typer.Option("--format", metavar="json|jsonl|md|akn|sqlite", help="What to write (default: json)."),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option("-o", "--output", metavar="FILE", help="Write FILE, atomically, instead of stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let -o replace a file that exists.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> int:
    """Export the document (or the units named) as JSON, JSON Lines, Markdown, Akoma Ntoso or SQLite.

    Example: treatycli export --format sqlite -o treaty.db
    """


@command("grep")
def grep(
    ctx: typer.Context,
    arguments: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PATTERN [REF]...",
            help="What to search for, then references that limit where.",
            autocompletion=_complete_references,
        ),
    ] = None,
    regexp: Annotated[
        Optional[list[str]], typer.Option("-e", "--regexp", help="A pattern; repeat to match any of several.")
    ] = None,
    ignore_case: Annotated[
        bool, typer.Option("-i", "--ignore-case", help="Ignore case in Latin text.")
    ] = False,
    extended: Annotated[bool, typer.Option("-E", "--regex", help="PATTERN is a regular expression.")] = False,
    fixed: Annotated[
        bool, typer.Option("-F", "--fixed-strings", help="Strictly literal: no folding.")
    ] = False,
    word: Annotated[
        bool, typer.Option("-w", "--word", help="Match whole words as jieba segments them.")
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="No folding of width, 繁/简 or whitespace between characters.")
    ] = False,
    only: Annotated[bool, typer.Option("-o", "--only-matching", help="Print only the matched text.")] = False,
    count: Annotated[
        bool, typer.Option("-c", "--count", help="Count matches per article or part (with -l, per document).")
    ] = False,
    files_with_matches: Annotated[
        bool, typer.Option("-l", "--files-with-matches", help="Print only the documents that match.")
    ] = False,
    refs_only: Annotated[
        bool, typer.Option("--refs-only", help="Print only the references of the units that match.")
    ] = False,
    max_count: Annotated[Optional[int], typer.Option("-m", "--max-count", help="Stop after N hits.")] = None,
    context: Annotated[
        int, typer.Option("-C", "--context", help="N neighbouring units around each hit.")
    ] = 0,
    after: Annotated[
        Optional[int], typer.Option("-A", "--after-context", help="N units after each hit.")
    ] = None,
    before: Annotated[
        Optional[int], typer.Option("-B", "--before-context", help="N units before each hit.")
    ] = None,
    regex_timeout: Annotated[
        float,
        typer.Option("--regex-timeout", help="Seconds all -E searches of the run may take together."),
    ] = DEFAULT_REGEX_TIMEOUT,
    as_json: JsonOption = False,
) -> int:
    """Find clauses: literal by default, across hard wraps, 繁/简 and width folded.

    Example: treatycli grep 合作 7-9
    """


@command("add", library_cli)
def library_add(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[str]], typer.Argument(metavar="PATH...", help="Files, folders or globs.")
    ] = None,
    name: Annotated[
        Optional[str],
        typer.Option("--name", help="The document's name (one file only; default: its file name)."),
    ] = None,
    title: Annotated[
        Optional[str],
        typer.Option(
            "--title", help="The title to cite it by (one file only; default: the one its text gives)."
        ),
    ] = None,
    short_title: Annotated[
        Optional[str],
        typer.Option("--short-title", help="A short title that names it in citations too (one file only)."),
    ] = None,
    as_json: JsonOption = False,
) -> int:
    """Add documents to the library: each is read once, then found by name and by search.

    Example: treatycli library add treaties/
    """


@command("list", library_cli)
def library_list(ctx: typer.Context, as_json: JsonOption = False) -> int:
    """List the library's documents: name, articles, size, when added, language, title.

    Example: treatycli library list
    """


@command("remove", library_cli)
def library_remove(
    ctx: typer.Context,
    names: Annotated[
        Optional[list[str]], typer.Argument(metavar="NAME...", help="Documents to remove.")
    ] = None,
    as_json: JsonOption = False,
) -> int:
    """Remove documents from the library (their files are not touched).

    Example: treatycli library remove bbnj-2023
    """


@command("update", library_cli)
def library_update(
    ctx: typer.Context,
    names: Annotated[
        Optional[list[str]], typer.Argument(metavar="[NAME]...", help="Documents to check (default: all).")
    ] = None,
    as_json: JsonOption = False,
) -> int:
    """Read again the documents whose files changed since they were added, and say which.

    Example: treatycli library update
    """


@command("cite")
def cite(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="References, as show takes them; none cites the whole document.",
            autocompletion=_complete_references,
        ),
    ] = None,
    style: Annotated[
        Optional[str],
        typer.Option(
            "--style",
            help="zh (《title》第4条第2款), en (Title, art. 4(2)), short, md (default: the document's).",
        ),
    ] = None,
    numerals: Annotated[
        str,
        typer.Option("--numerals", help="Numbers in Chinese citations: arabic (第4条) or chinese (第四条)."),
    ] = "arabic",
    no_date: Annotated[
        bool, typer.Option("--no-date", help="Leave out the date and place of signing.")
    ] = False,
    quote: Annotated[bool, typer.Option("--quote", help="Add the text, quoted exactly.")] = False,
    as_json: JsonOption = False,
) -> int:
    """Cite articles, paragraphs or named parts, in the form people paste into a memo.

    Example: treatycli cite 4.2 1,4,7 --numerals chinese
    """


def summarise(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="References to summarise (a division: itself, then its articles); none: the document.",
            autocompletion=_complete_references,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Keywords per unit (1-20).")] = 5,
    as_json: JsonOption = False,
) -> int:
    """Say what each article is about: keywords, gist, what it cites; no REF: the document.

    Keywords, the clause that best represents the unit, its dates, instruments,
    organisations and cross-references; a division, then its articles. With no REF, the
    whole document at a glance.

    Example: treatycli summarise 4 part2
    """


command("summarise")(summarise)
command("summarize", help="The same as summarise.\n\nExample: treatycli summarize 4")(summarise)


@functools.lru_cache(maxsize=1)
def click_command() -> click.Command:
    """The Click command Typer builds from the app: built once per process, not per call."""
    return typer.main.get_command(cli)


def run_typer(args: list[str]) -> int:
    """Run the Typer app without its own exit handling; usage errors become one line."""
    streams = sys.stdout, sys.stderr
    try:
        result = click_command().main(args=args, prog_name="treatycli", standalone_mode=False)
    except SystemExit as leaving:
        if sys.stdout is not streams[0]:  # Click's answer to a closed pipe: wrap stdout, exit 1
            sys.stdout, sys.stderr = streams
            raise BrokenPipeError from None  # main.run: quiet, exit 0, as the fast path does
        raise leaving from None
    except click.exceptions.NoArgsIsHelpError as bare:
        typer.echo(bare.format_message())  # a bare `treatycli` asks what there is: the help, as --help
        return 0
    except click.UsageError as failure:
        command_path = failure.ctx.command_path if failure.ctx else "treatycli"
        raise TreatyError(f"{failure.format_message()} (see `{command_path} --help`)") from None
    except click.ClickException as failure:
        raise TreatyError(failure.format_message()) from None
    except click.exceptions.Abort:
        raise KeyboardInterrupt from None
    return result if isinstance(result, int) else 0
