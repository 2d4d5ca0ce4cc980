"""What a command left: the rows it created."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import SQLModel

M = TypeVar("M", bound=SQLModel)


@dataclass(frozen=True)
class Created:
    """The rows one command created, in the order the engine made them."""

    rows: tuple[SQLModel, ...]

    def one(self, model: type[M], **fields: object) -> M:
        """The one created ``model`` row whose ``fields`` have these values."""
        (row,) = [
            row
            for row in self.rows
            if isinstance(row, model) and all(getattr(row, k) == v for k, v in fields.items())
        ]
        return row
