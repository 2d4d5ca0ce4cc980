"""Settings declared once: a field of a settings dataclass, made by ``setting``, ``switch``
or ``setting_list``, is a flag, a ``RELEASEGRAPH_*`` variable, a line of ``--help`` and a
row of the README's table.

``job_limit: int = setting(0, count, "parallel jobs", metavar="N")`` is ``--job-limit N``
and ``RELEASEGRAPH_JOB_LIMIT``. A switch is ``--x``/``--no-x``; its variable is named after
the flag that changes its default: ``RELEASEGRAPH_NO_X`` for a switch that is on.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from releasegraph.cli.setting_values import boolean

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

ENV_PREFIX = "RELEASEGRAPH_"
Command = Literal["serve", "run", "work", "migrate"]
T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")
_KEY = "releasegraph.setting"


class SettingError(Exception):
    """A flag or environment variable with a value that cannot be used: exit 2."""


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """A setting's declaration but for its name, type and default, which are its field's."""

    help: str
    parse: Callable[[str], object]
    """One value from text; a list setting parses each of its values."""
    metavar: str | None = None
    """None: a switch."""
    flag: str | None = None
    """The flag without its dashes, when it is not the name's: ``allowed-origin``."""
    many: bool = False
    shown: str | None = None
    """How the default reads, where its value does not say it."""
    commands: tuple[Command, ...] = ("serve",)
    group: str | None = None
    """Its section of ``--help``."""


def setting(
    default: T,
    parse: Callable[[str], T],
    help: str,
    *,
    metavar: str,
    shown: str | None = None,
    commands: tuple[Command, ...] = ("serve",),
    group: str | None = None,
) -> T:
    """A setting of one value: ``--flag VALUE``."""
    declaration = Declaration(
        help=help, parse=parse, metavar=metavar, shown=shown, commands=commands, group=group
    )
    return _field(default, declaration)


def switch(default: bool, help: str, *, group: str | None = None) -> bool:
    """A setting that is on or off: ``--flag`` and ``--no-flag``."""
    return _field(default, Declaration(help=help, parse=boolean, group=group))


def setting_list(
    parse: Callable[[str], T], help: str, *, metavar: str, flag: str, shown: str
) -> tuple[T, ...]:
    """A setting of any number of values, none by default: ``--flag VALUE ...``, and a
    variable that separates them with commas or spaces."""
    declaration = Declaration(
        help=help, parse=parse, metavar=metavar, flag=flag, many=True, shown=shown
    )
    return _field((), declaration)


def _field(default: T, declaration: Declaration) -> T:
    return field(default=default, metadata={_KEY: declaration})


@dataclass(frozen=True)
class Setting:
    """A declared setting, as its field has it."""

    name: str
    default: object
    declaration: Declaration

    @property
    def flag(self) -> str:
        return "--" + (self.declaration.flag or self.name.replace("_", "-"))

    @property
    def is_switch(self) -> bool:
        return self.declaration.metavar is None

    @property
    def negated(self) -> bool:
        """A switch that is on: ``--no-x`` is the flag people set."""
        return self.is_switch and self.default is True

    @property
    def setter(self) -> str:
        """The flag that changes the default."""
        return f"--no-{self.flag[2:]}" if self.negated else self.flag

    @property
    def variable(self) -> str:
        return ENV_PREFIX + self.setter[2:].replace("-", "_").upper()

    @property
    def shown(self) -> str:
        """The default as ``--help`` and the README say it."""
        if self.declaration.shown is not None:
            return self.declaration.shown
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)

    def value(self, args: argparse.Namespace, environ: Mapping[str, str]) -> object:
        """The flag's value, else the variable's, else None."""
        given = getattr(args, self.name, None)
        if given is not None:
            return tuple(given) if isinstance(given, list) else given
        if self.variable not in environ:
            return None
        try:
            return self._parse(environ[self.variable])
        except argparse.ArgumentTypeError as error:
            raise SettingError(f"{self.variable}: {error}") from None

    def _parse(self, text: str) -> object:
        if self.declaration.many:
            return tuple(self.declaration.parse(item) for item in text.replace(",", " ").split())
        value = self.declaration.parse(text)
        return not value if self.negated else value


def declared(cls: type[DataclassInstance]) -> dict[str, Setting]:
    """The settings of a settings dataclass, by name, in the order of its fields."""
    return {
        f.name: Setting(f.name, f.default, f.metadata[_KEY])
        for f in fields(cls)
        if _KEY in f.metadata
    }


def resolve(
    cls: type[D], args: argparse.Namespace, environ: Mapping[str, str], command: Command
) -> D:
    """``command``'s settings: a flag, else its environment variable, else the default."""
    values: dict[str, Any] = {}  # each value comes from the parser of its own field
    for setting in declared(cls).values():
        value = setting.value(args, environ) if command in setting.declaration.commands else None
        if value is not None:
            values[setting.name] = value
    return replace(cls(), **values)


# -- the command line ------------------------------------------------------------------


def add_arguments(
    parser: argparse.ArgumentParser, cls: type[DataclassInstance], command: Command
) -> None:
    """The flags of ``command``'s settings, each None when not given: see ``resolve``."""
    groups: dict[str | None, argparse._ActionsContainer] = {None: parser}
    for setting in declared(cls).values():
        if command in setting.declaration.commands:
            group = setting.declaration.group
            if group not in groups:
                groups[group] = parser.add_argument_group(group)
            add_flag(groups[group], setting)


def add_flag(
    parser: argparse._ActionsContainer,
    setting: Setting,
    *,
    default: object = None,
    shown: str | None = None,
) -> None:
    """``setting``'s flag, and ``default`` without it; ``shown``: where that is not the
    setting's own default."""
    options: dict[str, Any] = {
        "dest": setting.name,
        "default": default,
        "help": f"{setting.declaration.help} (default: {shown or setting.shown})",
    }
    if setting.is_switch:
        options["action"] = argparse.BooleanOptionalAction
    else:
        options |= {"type": setting.declaration.parse, "metavar": setting.declaration.metavar}
    if setting.declaration.many:
        options |= {"action": "extend", "nargs": "+"}
    parser.add_argument(setting.flag, **options)


# -- the README --------------------------------------------------------------------------


def readme_table(cls: type[DataclassInstance]) -> list[str]:
    """The lines of the README's table of the settings."""
    rows = [("flag", "environment variable", "default", "what it does"), ("---",) * 4]
    rows += [_readme_row(setting) for setting in declared(cls).values()]
    return ["| " + " | ".join(cell.replace("|", r"\|") for cell in row) + " |" for row in rows]


def _readme_row(setting: Setting) -> tuple[str, str, str, str]:
    declaration = setting.declaration
    if setting.is_switch:
        other = setting.flag if setting.negated else f"--no-{setting.flag[2:]}"
        flag = f"`{setting.setter}` / `{other}`"
    else:
        flag = f"`{setting.flag} {declaration.metavar}{' ...' if declaration.many else ''}`"
    variable = f"`{setting.variable}`" + (" (comma or space separated)" if declaration.many else "")
    prose = declaration.shown is not None or isinstance(setting.default, bool)
    default = setting.shown if prose else f"`{setting.shown}`"
    others = [f"`{command}`" for command in declaration.commands if command != "serve"]
    what = declaration.help + (f" (also {' and '.join(others)})" if others else "")
    return flag, variable, default, what
