"""Who is asking: users with bearer tokens, their groups and their role."""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from releasegraph.engine.answerers import Answerer
from releasegraph.engine.commands import Acting
from releasegraph.engine.errors import ValidationError, ValidationIssue


class Role(enum.StrEnum):
    """Viewers read; operators drive releases; admins also manage definitions and agents.

    Agents (``releasegraph agent`` processes) claim, report and stream their work, and
    may do nothing else: not even read.
    """

    VIEWER = "VIEWER"
    OPERATOR = "OPERATOR"
    ADMIN = "ADMIN"
    AGENT = "AGENT"


_RANK = {Role.VIEWER: 0, Role.OPERATOR: 1, Role.ADMIN: 2}

AGENT_FIELDS = frozenset(
    {"registerAgent", "claimJob", "renewJobLease", "appendJobLog", "reportJob"}
)
"""The root fields (all mutations) a user with role AGENT may use, and the only ones."""


@dataclass(frozen=True, kw_only=True)
class User:
    name: str
    display_name: str
    groups: frozenset[str] = frozenset()
    role: Role = Role.VIEWER

    def has(self, role: Role) -> bool:
        if Role.AGENT in (role, self.role):
            return role == self.role
        return _RANK[self.role] >= _RANK[role]

    def answerer(self) -> Answerer:
        """The user as the engine's rules on approvals and interventions see them."""
        return Answerer(name=self.name, groups=self.groups, operator=self.has(Role.OPERATOR))

    def acting(self) -> Acting:
        """The fields of a command this user sends: who acts, their groups, whether they
        drive releases."""
        answerer = self.answerer()
        return Acting(actor=answerer.name, groups=answerer.groups, operator=answerer.operator)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    """Bearer tokens to users; only digests are kept, so a lookup leaks no timing of the token."""

    def __init__(self, users: dict[str, User]) -> None:
        self._by_digest = {_digest(token): user for token, user in users.items()}

    def authenticate(self, token: str) -> User | None:
        return self._by_digest.get(_digest(token))

    def users(self) -> list[User]:
        return sorted(self._by_digest.values(), key=lambda u: u.name)

    @classmethod
    def from_file(cls, path: Path) -> TokenStore:
        """Read ``users: [{name, displayName, token, groups, role}]`` from YAML or JSON.

        Every problem is reported at once, each at its user (``users[2]: role: ...``).
        """
        try:
            document = yaml.safe_load(path.read_text())
        except yaml.YAMLError as error:
            raise ValidationError([ValidationIssue("", f"not YAML or JSON: {error}")]) from None
        entries = document.get("users") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise ValidationError([ValidationIssue("users", "expected a list of users")])
        return cls(_read_users(entries))


MIN_TOKEN_LENGTH = 16
_USER_KEYS = frozenset({"name", "displayName", "token", "groups", "role"})


def _read_users(entries: list[object]) -> dict[str, User]:
    users: dict[str, User] = {}
    first_with: dict[tuple[str, str], str] = {}  # (field, value) -> the user that has it
    issues: list[ValidationIssue] = []
    for index, entry in enumerate(entries):
        at = f"users[{index}]"
        problems, read = _read_user(entry)
        if read is not None:
            token, user = read
            for key, value in (("token", token), ("name", user.name)):
                if (key, value) in first_with:
                    problems.append(f"{key}: the same as {first_with[key, value]}'s")
                first_with.setdefault((key, value), at)
            users[token] = user
        issues.extend(ValidationIssue(at, problem) for problem in problems)
    if issues:
        raise ValidationError(issues)
    return users


def _read_user(entry: object) -> tuple[list[str], tuple[str, User] | None]:
    """What is wrong with one entry, and the token and user it gives if nothing is."""
    if not isinstance(entry, dict):
        return ["expected a mapping"], None
    problems = [f"{key}: unknown field" for key in entry if key not in _USER_KEYS]
    name = _string(entry, "name", problems, required=True)
    token = _string(entry, "token", problems, required=True)
    if token and len(token) < MIN_TOKEN_LENGTH:
        problems.append(f"token: at least {MIN_TOKEN_LENGTH} characters")
    display_name = _string(entry, "displayName", problems) or name
    groups = entry.get("groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        problems.append("groups: expected a list of group names")
    role = entry.get("role", Role.VIEWER.value)
    role_name = str(role).upper()
    if role_name not in Role.__members__:
        problems.append(f"role: expected one of {', '.join(Role)}, got {role!r}")
    if problems:
        return problems, None
    user = User(
        name=name, display_name=display_name, groups=frozenset(groups), role=Role(role_name)
    )
    return [], (token, user)


def _string(
    entry: dict[object, object], key: str, problems: list[str], *, required: bool = False
) -> str:
    """The non-empty string at ``key``; "" when absent (a problem if ``required``) or wrong."""
    value = entry.get(key)
    if isinstance(value, str) and value.strip():
        return value
    if value is not None or required:
        problems.append(f"{key}: {'required, ' if required else 'expected '}a non-empty string")
    return ""


DEMO_USERS = (
    User(name="olivia", display_name="Olivia Operator", role=Role.OPERATOR),
    User(
        name="alice",
        display_name="Alice Approver",
        groups=frozenset({"release-managers"}),
        role=Role.OPERATOR,
    ),
    User(
        name="bob",
        display_name="Bob Approver",
        groups=frozenset({"release-managers"}),
        role=Role.VIEWER,
    ),
    User(name="victor", display_name="Victor Viewer", role=Role.VIEWER),
    User(name="ada", display_name="Ada Admin", role=Role.ADMIN),
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def demo_store() -> tuple[TokenStore, dict[str, str]]:
    """The demo users with fresh tokens; returns the store and each user's token."""
    tokens = {user.name: new_token() for user in DEMO_USERS}
    return TokenStore({tokens[u.name]: u for u in DEMO_USERS}), tokens
