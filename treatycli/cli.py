"""The Typer app: commands and options only. Each command calls treatycli.app."""

from __future__ import annotations

from typing import Annotated, Optional

import click
import typer

from . import __version__, app

cli = typer.Typer(
    name="treatycli",
    help="Query a treaty text by article: list, show, info, export. "
    "With no --doc, the built-in treaty (Russia–Tajikistan, 1999) is used.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (fields documented in the README).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"treatycli {__version__}")
        raise typer.Exit()


@cli.callback()
def main(
    ctx: typer.Context,
    doc: Annotated[
        Optional[str],
        typer.Option(
            "--doc",
            envvar="TREATYCLI_DOC",
            help="Treaty text file to load instead of the built-in treaty.",
            show_envvar=True,
        ),
    ] = None,
    encoding: Annotated[
        Optional[str], typer.Option("--encoding", help="Read the file in this encoding (default: detect).")
    ] = None,
    color: Annotated[
        str, typer.Option("--color", help="Colour and Rich layout: auto (on a terminal), always, never.")
    ] = "auto",
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Query a treaty text by article.

    Example: treatycli show 4.2
    """
    ctx.obj = app.Settings(doc=doc, encoding=encoding, color=app.check_color(color))


@cli.command("list")
def list_(ctx: typer.Context, as_json: JsonOption = False) -> int:
    """List the articles: reference, paragraphs, length and opening words.

    Example: treatycli list --json
    """
    return app.run_list(ctx.obj, as_json)


@cli.command()
def show(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(help="References: 4, 4.2, 3-5, 1,4,7, 第四条第二款, art. 4(2), preamble.3, all."),
    ] = None,
    as_json: JsonOption = False,
) -> int:
    """Show articles, paragraphs or named parts by reference.

    Example: treatycli show 4.2 第七条 preamble.3
    """
    return app.run_show(ctx.obj, refs or [], as_json)


@cli.command()
def info(ctx: typer.Context, as_json: JsonOption = False) -> int:
    """Show the title, parties, session and agenda, letter, signing and counts.

    Example: treatycli info --json
    """
    return app.run_info(ctx.obj, as_json)


@cli.command()
def export(ctx: typer.Context, as_json: JsonOption = True) -> int:
    """Export the whole model as JSON (format treatycli/1), unassigned text included.

    Example: treatycli export --json > treaty.json
    """
    return app.run_export(ctx.obj, as_json)


@cli.command()
def grep(
    ctx: typer.Context,
    arguments: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PATTERN [REF]...", help="What to search for, then references that limit where."
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
    count: Annotated[bool, typer.Option("-c", "--count", help="Count matches per article or part.")] = False,
    refs_only: Annotated[bool, typer.Option("-l", "--refs-only", help="Print only the references.")] = False,
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
    as_json: JsonOption = False,
) -> int:
    """Find clauses: literal by default, across hard wraps, 繁/简 and width folded.

    Example: treatycli grep 合作 7-9
    """
    return app.run_grep_arguments(
        ctx.obj,
        arguments or [],
        regexp or [],
        flags="".join(
            f
            for f, on in zip(
                "iEFwocl", (ignore_case, extended, fixed, word, only, count, refs_only), strict=True
            )
            if on
        ),
        exact=exact,
        max_count=max_count,
        context=context,
        after=after,
        before=before,
        as_json=as_json,
    )


def summarise(
    ctx: typer.Context,
    refs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="References to summarise (a division: itself, then its articles); none: the document."
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
    return app.run_summarise(ctx.obj, refs or [], top, as_json)


cli.command("summarise")(summarise)
cli.command("summarize", help="The same as summarise.\n\nExample: treatycli summarize 4")(summarise)


def run_typer(args: list[str]) -> int:
    """Run the Typer app without its own exit handling; usage errors become one line."""
    from .main import error

    try:
        result = cli(args=args, prog_name="treatycli", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError:
        return 0  # a bare `treatycli`: the help has been printed
    except click.UsageError as failure:
        command = failure.ctx.command_path if failure.ctx else "treatycli"
        return error(f"{failure.format_message()} (see `{command} --help`)")
    except click.ClickException as failure:
        return error(failure.format_message())
    except click.exceptions.Abort:
        return 130
    return result if isinstance(result, int) else 0
