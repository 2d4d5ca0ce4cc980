"""A slot of an agent: hold a claim open, run the job it gets, report it; again.

While a job runs, its lease is renewed every ``heartbeat`` seconds; the renewal also
says when the server ended the run (a cancel, its timeout), and the job is killed. A
renewal, a log batch or a report refused with ``STALE_LEASE`` means another agent has the
run now: the job is killed and nothing more is sent about it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

from releasegraph.agent.client import CLAIM, RENEW, REPORT, Api, RefusedError
from releasegraph.agent.logs import LogShipper
from releasegraph.runtime.http_requests import run_http
from releasegraph.runtime.subprocesses import run_script

log = logging.getLogger(__name__)

CLAIM_WAIT_SECONDS = 20.0
"""How long one claim is held open; each also tells the server the slot is alive."""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    exit_code: int | None
    error: str | None


class EndedError(Exception):
    """The run is no longer this slot's: the server ended it or gave it to another agent."""


class Slot:
    def __init__(
        self, api: Api, name: str, *, heartbeat: float, workdir: str | None = None
    ) -> None:
        self.api = api
        self.name = name
        self.heartbeat = heartbeat
        self.workdir = workdir

    async def serve(self) -> None:
        """Claim and run jobs until cancelled (the agent stops)."""
        while True:
            asked = time.monotonic()
            payload = await self.api.persist(
                CLAIM,
                "claimJob",
                {"input": {"agent": self.name, "waitSeconds": CLAIM_WAIT_SECONDS}},
                read=CLAIM_WAIT_SECONDS + 10,
            )
            job = payload["job"]
            if job is None:
                continue
            # This process may have been stopped while the claim was held, the run claimed
            # meanwhile and its lease gone: an answer that came after half a lease is
            # checked first, so that a script of a run already LOST does not start.
            elapsed = time.monotonic() - asked
            if elapsed < float(job["leaseSeconds"]) / 2 or await self._still_ours(job):
                await self.run(job)

    async def _still_ours(self, job: dict[str, object]) -> bool:
        lease = {"runId": job["runId"], "token": job["token"]}
        try:
            payload = await self.api.persist(RENEW, "renewJobLease", {"input": lease})
        except RefusedError as error:
            log.info("%s: %s was claimed too late: %s", self.name, job["runId"], error)
            return False
        return not payload["stop"]

    async def run(self, job: dict[str, object]) -> None:
        lease = {"runId": job["runId"], "token": job["token"]}
        log.info("%s: running %s (%s)", self.name, job["taskName"], job["runId"])
        shipper = LogShipper(self.api, lease)
        work = asyncio.create_task(self._execute(job, shipper))
        watch = asyncio.create_task(self._renew(lease))
        try:
            done, _ = await asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED)
            if watch in done:  # ended elsewhere: kill, send nothing more
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError, EndedError):
                    await work
                why = watch.exception()
                log.info("%s: %s is not ours any more: %s", self.name, job["runId"], why)
                return
            outcome = work.result()
            await shipper.close()
            await self.api.persist(
                REPORT,
                "reportJob",
                {"input": {**lease, "exitCode": outcome.exit_code, "error": outcome.error}},
            )
        except RefusedError as error:
            log.warning("%s: %s refused: %s", self.name, job["runId"], error)
        finally:
            watch.cancel()
            work.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.gather(work, watch, return_exceptions=True)
            shipper.stop()

    async def _renew(self, lease: dict[str, object]) -> None:
        """Renew the lease until the server ends the run; then raise ``EndedError``."""
        while True:
            await asyncio.sleep(self.heartbeat)
            try:
                payload = await self.api.persist(RENEW, "renewJobLease", {"input": lease})
            except RefusedError as error:
                raise EndedError(str(error)) from None
            if payload["stop"]:
                raise EndedError("stopped by the server")

    async def _execute(self, job: dict[str, object], shipper: LogShipper) -> Outcome:
        environment = job["environment"]
        assert isinstance(environment, list)
        env = {item["name"]: item["value"] for item in environment}
        if job["kind"] == "script":
            result = await run_script(
                str(job["script"] or ""),
                env=env,
                on_line=shipper.add,
                cwd=self.workdir,
                wait_room=shipper.room,
            )
            code = result.exit_code
            return Outcome(exit_code=code, error=None if code == 0 else f"exit code {code}")
        url, method = str(job["url"]), str(job["method"])
        answer = await run_http(url, method=method)
        shipper.add("stdout", f"{method} {url} -> {answer.status_code or answer.error}")
        if answer.succeeded:
            return Outcome(exit_code=None, error=None)
        return Outcome(exit_code=None, error=answer.error or f"HTTP {answer.status_code}")
