"""Who is asking: users with bearer tokens, their groups and their role."""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from releasegraph.engine.errors import ValidationError, ValidationIssue


class Role(enum.StrEnum):
    """Viewers read; operators drive releases; admins also manage definitions and agents."""

    VIEWER = "VIEWER"
    OPERATOR = "OPERATOR"
    ADMIN = "ADMIN"


_RANK = {Role.VIEWER: 0, Role.OPERATOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True, kw_only=True)
class User:
    name: str
    display_name: str
    groups: frozenset[str] = frozenset()
    role: Role = Role.VIEWER

    def has(self, role: Role) -> bool:
        return _RANK[self.role] >= _RANK[role]


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
        """Read ``users: [{name, displayName, token, groups, role}]`` from YAML or JSON."""
        document = yaml.safe_load(path.read_text())
        entries = document.get("users") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise ValidationError([ValidationIssue("users", "expected a list of users")])
        users: dict[str, User] = {}
        issues: list[ValidationIssue] = []
        for index, entry in enumerate(entries):
            try:
                token, user = _user(entry)
            except (KeyError, TypeError, ValueError) as error:
                issues.append(ValidationIssue(f"users[{index}]", str(error)))
                continue
            users[token] = user
        if issues:
            raise ValidationError(issues)
        return cls(users)


def _user(entry: object) -> tuple[str, User]:
    if not isinstance(entry, dict):
        raise TypeError("expected a mapping")
    token, name = str(entry["token"]), str(entry["name"])
    if len(token) < 16:
        raise ValueError("token: at least 16 characters")
    return token, User(
        name=name,
        display_name=str(entry.get("displayName", name)),
        groups=frozenset(str(g) for g in entry.get("groups", [])),
        role=Role(str(entry.get("role", Role.VIEWER.value)).upper()),
    )


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
