# ruff: noqa: S108 - "/tmp" and "/dev/shm" here are paths inside the box (private tmpfs mounts)
"""The bubblewrap backend: every compile and every submission's runs happen in a fresh, throw-away box.

Isolation (see docs/architecture.md, "Sandbox"): ``bwrap`` is started as an unprivileged uid (65534 by
default; the host drops to it when it is root) inside new user, PID, network, IPC, UTS and cgroup
namespaces; the box sees read-only ``/usr`` (and the few ``/etc`` files the runtimes need), a fresh
``/proc``, a minimal ``/dev``, a size-capped private ``/tmp`` and the program — never the project, ``/work``,
``/root``, ``/etc`` at large, the host's ``/tmp`` or its environment. Inside, ``box_runner.py`` is PID 1: it
runs each test in a fresh child with rlimits and kills everything else between tests; when it exits the
kernel kills whatever is left in the namespace, and ``--die-with-parent`` ties the box to the worker.

Boxes for runs and compiles are started ahead of their jobs (``pool.py``): such a box has seen nothing of its
job until the host fills its per-box directories (``/box``, ``/src``: read-only in the box, empty until then)
and writes the job on its pipe; it runs one job and is torn down like any other.

The host reads results only from pipes; compiled artifacts are moved (``rename``, no symlink followed) from
the compile box's private output dir into a cache keyed by the hash of toolchain, flags and source, and
hard-linked (never following a symlink) into later boxes' read-only ``/box``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import selectors
import shutil
import signal
import socket
import stat
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import languages, pool
from .outcomes import MEMORY_MESSAGES, PROCESS_MESSAGES, exception_line, signal_name
from .types import CompileLimits, Execution, LanguageKey, Limits, RunOutcome, RunStatus, SandboxUnavailable

logger = logging.getLogger(__name__)

RUNNER_SOURCE = (Path(__file__).with_name("box_runner.py")).read_bytes()
MAX_SOURCE_BYTES = 256 * 1024
MAX_ARTIFACT_BYTES = 64 * 1024 * 1024  # what one compile may leave in the cache (javac writes a file per class)
_HOST = socket.gethostname().replace("/", "_")  # boxes/ may be shared by hosts: each sweeps only its own
BOX_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": "/tmp", "TMPDIR": "/tmp"}


@dataclass
class BoxResult:
    results: list[dict] = field(default_factory=list)
    compile_error: str | None = None
    internal_error: str = ""


@dataclass(frozen=True)
class BoxSpec:
    """What a box is started with. No part of it is a job's data, so a box can be started before its job
    (``pool.py``): the per-box directories are empty when the box starts and are filled by the host just
    before it writes the job."""

    ro_binds: tuple[tuple[str, str], ...] = ()  # host dirs every box of the kind mounts (the prebuilt /pre)
    ro_dirs: tuple[str, ...] = ()  # per-box dirs, read-only in the box, filled by the host with the job's files
    rw_dirs: tuple[str, ...] = ()  # per-box dirs the box writes (the compiler's /out), owned by the box uid
    tmp_mb: int = 16
    idle: int = 2  # how many of these the pool keeps started ahead
    warm: bytes = b""  # /sandbox/warm: what the runner starts before the job (box_runner._Warm), if anything


def classify(raw: dict, *, language: LanguageKey, limits: Limits, plan: languages.RunPlan) -> RunOutcome:
    """Turn the box's raw report of one run into a ``RunOutcome`` (status and a human detail)."""
    stdout = raw["stdout"].decode("utf-8", "replace")
    stderr = raw["stderr"].decode("utf-8", "replace")
    exit_code, sig = raw["exit"], raw["signal"]
    cpu_ms, wall_ms, rss_kb = int(raw["cpu_ms"]), int(raw["wall_ms"]), int(raw["rss_kb"])
    status: RunStatus
    detail = ""
    memory_cap_kb = (limits.memory_mb + plan.memory_overhead_mb) * 1024
    if raw["ole"] or sig == signal.SIGXFSZ:
        status, detail = "OLE", "output limit exceeded"
    elif raw["mle"]:
        status, detail = "MLE", "memory limit exceeded"
    elif raw["timeout"]:
        status, detail = "TLE", f"wall time limit ({limits.wall_ms} ms) exceeded"
    elif cpu_ms > limits.cpu_ms or sig == signal.SIGXCPU:
        status, detail = "TLE", f"CPU time limit ({limits.cpu_ms} ms) exceeded"
    elif exit_code == 0 and sig is None:
        status = "OK"
    elif any(message in stderr for message in PROCESS_MESSAGES):
        status = "RE"
        detail = f"process/thread limit ({limits.processes}) reached: {exception_line(language, stderr)}"
    elif any(message in stderr for message in MEMORY_MESSAGES) or rss_kb > memory_cap_kb:
        status, detail = "MLE", "memory limit exceeded"
    elif sig is not None:
        status, detail = "RE", f"killed by {signal_name(sig)}"
        exception = exception_line(language, stderr)
        if exception and language == "cpp":
            detail = f"{detail} ({exception})"
    else:
        status = "RE"
        detail = exception_line(language, stderr) or f"exit code {exit_code}"
    time_ms = wall_ms if raw["timeout"] else cpu_ms
    return RunOutcome(
        index=int(raw["i"]),
        status=status,
        stdout=stdout,
        stderr=stderr,
        exit_code=exit_code,
        signal=sig,
        time_ms=time_ms,
        memory_kb=rss_kb,
        detail=detail,
    )


def _encode_job(job: dict) -> bytes:
    lines = [f"tests {int(job['tests'])}"]
    if job.get("python"):
        lines.append(f"python {job['python']}")
    if job.get("argv"):
        lines.append("argv " + "\0".join(job["argv"]))
    lines += [f"limit {name} {int(value)}" for name, value in job["limits"].items()]
    return ("\n".join([*lines, "end"]) + "\n").encode()


def _parse_records(data: bytes, result: BoxResult) -> None:
    """Read the runner's records (see box_runner.py); anything malformed is an internal error."""
    position = 0
    while position < len(data):
        newline = data.find(b"\n", position, position + 200)
        head = data[position:newline].split() if newline > 0 else []
        try:
            if head and head[0] == b"C" and len(head) == 2:
                size = int(head[1])
                result.compile_error = data[newline + 1 : newline + 1 + size].decode("utf-8", "replace")
                position = newline + 1 + size
                continue
            if not head or head[0] != b"R" or len(head) != 12:
                raise ValueError("bad record header")
            index, exit_code, sig, cpu, wall, rss, timeout, ole, mle, n_out, n_err = (
                None if field == b"-" else int(field) for field in head[1:]
            )
        except (ValueError, TypeError):
            result.internal_error = result.internal_error or "the sandbox runner sent garbage"
            return
        body = data[newline + 1 : newline + 1 + n_out + n_err]
        if len(body) < n_out + n_err:
            result.internal_error = result.internal_error or "the sandbox runner's output was cut short"
            return
        result.results.append(
            {
                "i": index,
                "exit": exit_code,
                "signal": sig,
                "cpu_ms": cpu,
                "wall_ms": wall,
                "rss_kb": rss,
                "timeout": bool(timeout),
                "ole": bool(ole),
                "mle": bool(mle),
                "stdout": body[:n_out],
                "stderr": body[n_out:],
            }
        )
        position = newline + 1 + n_out + n_err


def _tree_size(root: Path) -> int:
    """Bytes (plus 4 KB per entry) under ``root``, never following a symlink."""
    total = 0
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(directory, name)).st_size + 4096
    return total


def _link_tree(source: Path, dest: Path) -> None:
    """Hard-link every entry of a cached artifact into a box's directory, never following a symlink (a link
    is linked as a link; an entry the kernel refuses to link is copied, again as itself)."""
    for entry in os.scandir(source):
        target = dest / entry.name
        if entry.is_dir(follow_symlinks=False):
            target.mkdir(mode=0o755)
            _link_tree(Path(entry.path), target)
            continue
        try:
            os.link(entry.path, target, follow_symlinks=False)
        except OSError:
            shutil.copy2(entry.path, target, follow_symlinks=False)


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o444)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _memfd(name: str, data: bytes) -> int:
    fd = os.memfd_create(name, 0)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


class BubblewrapBackend:
    name = "bubblewrap"

    def __init__(
        self,
        *,
        state_dir: Path,
        uid: int = 65534,
        gid: int = 65534,
        bwrap: str | None = None,
        use_pch: bool = True,
        cache_entries: int = 2000,
        prestart: bool = True,
    ) -> None:
        self.state_dir = Path(state_dir)
        self.uid, self.gid = uid, gid
        self.bwrap = bwrap or shutil.which("bwrap") or ""
        self.setpriv = shutil.which("setpriv", path="/usr/bin:/bin") or ""
        self.use_pch = use_pch
        self.cache_entries = cache_entries
        self.prestart = prestart  # keep fresh boxes started ahead of their jobs (pool.py)
        self._probed: str | None = None
        self._swept = False

    # ------------------------------------------------------------------ set-up
    def _dirs(self) -> tuple[Path, Path, Path]:
        cache, work, pch = self.state_dir / "cache", self.state_dir / "work", self.state_dir / "pch"
        for path in (self.state_dir, cache, work, pch):
            path.mkdir(parents=True, exist_ok=True)
            path.chmod(0o755)
        return cache, work, pch

    def probe(self) -> None:
        """Raise ``SandboxUnavailable`` with the reason when a box cannot be started here (checked once)."""
        if self._probed == "":
            return
        if self._probed is None:
            self._probed = self._probe_reason()
        if self._probed:
            raise SandboxUnavailable(self._probed)

    def _probe_reason(self) -> str:
        if not self.bwrap:
            return "bubblewrap (bwrap) is not installed; install the 'bubblewrap' package or set JUDGE0_URL"
        if not languages.toolchain().python:
            return "/usr/bin/python3 is missing: the sandbox runner needs it"
        try:
            self._dirs()
            box = self._box(
                job={"python": "/box/main.py", "tests": 1, "limits": self._run_limits(Limits(), 0, 64)},
                data_files={"/box/main.py": b"print(6 * 7)\n"},
                inputs=[b""],
                tmp_mb=1,
                deadline_s=20,
            )
        except OSError as exc:
            return f"bubblewrap cannot start: {exc}"
        if box.internal_error or not box.results:
            return f"bubblewrap cannot start a box here: {box.internal_error or 'no result'}"
        out = box.results[0]["stdout"].strip()
        if out != b"42":
            return f"the sandbox probe printed {out[:100]!r} instead of 42"
        return ""

    # ------------------------------------------------------------------ one box
    def _bwrap_argv(
        self,
        *,
        data_fds: dict[str, int],
        ro_binds: list[tuple[str, str]],
        rw_binds: list[tuple[str, str]],
        tmp_mb: int,
    ) -> list[str]:
        tools = languages.toolchain()
        argv = [
            self.bwrap,
            "--unshare-all",
            # No nested user namespace: it would hand the program capabilities inside it (a tmpfs mount outside
            # every quota, for one).
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--as-pid-1",
            "--hostname",
            "sandbox",
            "--ro-bind",
            "/usr",
            "/usr",
            "--symlink",
            "usr/lib",
            "/lib",
            "--symlink",
            "usr/lib64",
            "/lib64",
            "--symlink",
            "usr/bin",
            "/bin",
            "--symlink",
            "usr/sbin",
            "/sbin",
            "--ro-bind-try",
            "/etc/ld.so.cache",
            "/etc/ld.so.cache",
            "--ro-bind-try",
            "/etc/alternatives",
            "/etc/alternatives",
        ]
        for directory in tools.extra_ro_dirs:
            argv += ["--ro-bind-try", directory, directory]
        if tools.java_home and not tools.java_home.startswith("/usr/"):
            argv += ["--ro-bind", tools.java_home, tools.java_home]
        argv += ["--proc", "/proc", "--dev", "/dev", "--size", str(4 << 20), "--tmpfs", "/dev/shm"]
        argv += ["--size", str(tmp_mb << 20), "--tmpfs", "/tmp"]
        for source, dest in ro_binds:
            argv += ["--ro-bind", source, dest]
        for source, dest in rw_binds:
            argv += ["--bind", source, dest]
        for dest, fd in data_fds.items():
            argv += ["--perms", "0444", "--ro-bind-data", str(fd), dest]
        argv += ["--remount-ro", "/dev", "--remount-ro", "/", "--clearenv"]
        for key, value in BOX_ENV.items():
            argv += ["--setenv", key, value]
        argv += ["--chdir", "/tmp", "--", tools.python, "-I", "-S", "-B", "/sandbox/runner.py"]
        return argv

    def _box(
        self,
        *,
        job: dict,
        data_files: dict[str, bytes],
        inputs: list[bytes],
        tmp_mb: int,
        deadline_s: float,
        ro_binds: list[tuple[str, str]] | None = None,
        rw_binds: list[tuple[str, str]] | None = None,
    ) -> BoxResult:
        files = {"/sandbox/runner.py": RUNNER_SOURCE, **data_files}
        proc = self._popen(files, ro_binds=ro_binds or [], rw_binds=rw_binds or [], tmp_mb=tmp_mb)
        return self._talk(proc, job=job, inputs=inputs, deadline_s=deadline_s)

    def _popen(
        self, files: dict[str, bytes], *, ro_binds: list[tuple[str, str]], rw_binds: list[tuple[str, str]], tmp_mb: int
    ) -> subprocess.Popen:
        fds = {dest: _memfd(dest.rsplit("/", 1)[-1], data) for dest, data in files.items()}
        try:
            argv = self._bwrap_argv(data_fds=fds, ro_binds=ro_binds, rw_binds=rw_binds, tmp_mb=tmp_mb)
            drop: dict = {}
            if os.geteuid() == 0 and self.setpriv:
                # setpriv drops to the box uid and execs bwrap. Popen's own user=/group= would do the same, but
                # rule out vfork: the whole worker is then copied (a 200 MB worker: ~25 ms of CPU per box).
                argv = [self.setpriv, f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--", *argv]
            elif os.geteuid() == 0:
                drop = {"user": self.uid, "group": self.gid, "extra_groups": []}
            return subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=tuple(fds.values()),
                start_new_session=True,
                env={"PATH": "/usr/bin:/bin"},
                **drop,
            )
        finally:
            for fd in fds.values():
                os.close(fd)

    # ------------------------------------------------------------------ pre-startable boxes
    def _boxes_dir(self) -> Path:
        """``state_dir/boxes``, holding one ``<host>-<pid>-<id>`` dir per started box; on first use the dirs
        of this host's processes that are gone (killed before their clean-up) are removed."""
        boxes = self.state_dir / "boxes"
        boxes.mkdir(parents=True, exist_ok=True)
        boxes.chmod(0o755)
        if not self._swept:
            self._swept = True
            for entry in os.scandir(boxes):
                host, _, rest = entry.name.rpartition("-")[0].rpartition("-")
                if host == _HOST and rest.isdigit() and not os.path.exists(f"/proc/{rest}"):
                    shutil.rmtree(entry.path, ignore_errors=True)
        return boxes

    def _start(self, spec: BoxSpec) -> pool.StartedBox:
        """Start a box for ``spec`` with its per-box directories empty; it waits for its job on its pipe."""
        root = self._boxes_dir() / f"{_HOST}-{os.getpid()}-{uuid.uuid4().hex}"
        root.mkdir(mode=0o755)
        dirs: dict[str, Path] = {}
        try:
            for dest in spec.ro_dirs:
                dirs[dest] = root / dest.strip("/")
                dirs[dest].mkdir(mode=0o755)
            for dest in spec.rw_dirs:
                dirs[dest] = root / dest.strip("/")
                dirs[dest].mkdir(mode=0o700)
                if os.geteuid() == 0:
                    os.chown(dirs[dest], self.uid, self.gid)
            files = {"/sandbox/runner.py": RUNNER_SOURCE}
            if spec.warm:
                files["/sandbox/warm"] = spec.warm
            proc = self._popen(
                files,
                ro_binds=[*spec.ro_binds, *((str(dirs[dest]), dest) for dest in spec.ro_dirs)],
                rw_binds=[(str(dirs[dest]), dest) for dest in spec.rw_dirs],
                tmp_mb=spec.tmp_mb,
            )
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return pool.StartedBox(proc=proc, root=root, dirs=dirs)

    @contextlib.contextmanager
    def _fresh_box(self, spec: BoxSpec, used: dict) -> Iterator[pool.StartedBox]:
        """A box that has run nothing: a pre-started one when the pool has it, else one started now. It is
        the caller's for one job; on leaving it is destroyed. Its kind is noted in ``used``: ``execute`` asks
        the pool for the replacements once the whole submission is done, so that their start-up does not
        compete with the submission's own boxes for the CPU."""
        key = (self.bwrap, self.setpriv, self.uid, self.gid, str(self.state_dir), languages.toolchain().identity, spec)
        used[key] = spec
        box = pool.POOL.take(key) if self.prestart else None
        if box is None:
            box = self._start(spec)
        try:
            yield box
        finally:
            pool.destroy(box)

    def _talk(self, proc: subprocess.Popen, *, job: dict, inputs: list[bytes], deadline_s: float) -> BoxResult:
        if proc.stdin is None or proc.stdout is None or proc.stderr is None:
            raise OSError("the sandbox pipes were not created")

        def feed() -> None:
            try:
                proc.stdin.write(_encode_job(job))
                for data in inputs:
                    proc.stdin.write(b"%d\n" % len(data) + data)
                    proc.stdin.flush()
                proc.stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        cap_line = 4 * job["limits"]["output_bytes"] + 4096
        cap_total = cap_line * (len(inputs) + 1)
        out, err = bytearray(), bytearray()
        result = BoxResult()
        deadline = time.monotonic() + deadline_s
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ, out)
            sel.register(proc.stderr, selectors.EVENT_READ, err)
            while sel.get_map():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    result.internal_error = f"the sandbox did not finish within {deadline_s:.0f} s"
                    break
                for key, _ in sel.select(remaining):
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        sel.unregister(key.fileobj)
                        continue
                    key.data.extend(chunk)
                if len(out) > cap_total:
                    result.internal_error = "the sandbox runner sent more than expected"
                    break
                del err[8192:]
        self._stop(proc)
        writer.join(timeout=1)
        _parse_records(bytes(out), result)
        if not result.internal_error and result.compile_error is None and len(result.results) < len(inputs):
            message = err.decode("utf-8", "replace").strip()[-500:]
            result.internal_error = f"the sandbox stopped early (exit {proc.returncode}): {message}"
        return result

    @staticmethod
    def _stop(proc: subprocess.Popen) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.5)
        if proc.returncode is None:
            # bwrap leads its own session; killing it takes PID 1 of the box (die-with-parent) and with it
            # every process in the box's PID namespace.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            with contextlib.suppress(OSError):
                stream.close()

    # ------------------------------------------------------------------ limits
    @staticmethod
    def _run_limits(limits: Limits, address_space_mb: int, rss_limit_mb: int) -> dict:
        return {
            "cpu_ms": limits.cpu_ms,
            "wall_ms": limits.wall_ms,
            "address_space_mb": address_space_mb,
            "rss_limit_mb": rss_limit_mb,
            "stack_mb": max(64, min(limits.memory_mb, 256)),
            "processes": limits.processes,
            "open_files": limits.open_files,
            "file_size_kb": limits.file_size_kb,
            "output_bytes": limits.output_bytes,
        }

    @staticmethod
    def _compile_limits(limits: CompileLimits, *, address_space: bool) -> dict:
        return {
            "cpu_ms": limits.cpu_ms,
            "wall_ms": limits.wall_ms,
            "address_space_mb": limits.memory_mb if address_space else 0,
            "rss_limit_mb": limits.memory_mb,
            "stack_mb": 64,
            "processes": 32,
            "open_files": 256,
            "file_size_kb": 256 * 1024,
            "output_bytes": limits.output_bytes,
        }

    # ------------------------------------------------------------------ compile
    def _cache_key(self, language: LanguageKey, source: str) -> str:
        tools = languages.toolchain()
        flags = " ".join([*languages.CPP_FLAGS, *tools.cpp_link_flags])
        material = "\0".join([language, tools.identity, flags, str(self.use_pch), source])
        return hashlib.sha256(material.encode()).hexdigest()

    def _fresh_workdir(self, work: Path) -> Path:
        path = work / uuid.uuid4().hex
        path.mkdir(mode=0o700)
        if os.geteuid() == 0:
            os.chown(path, self.uid, self.gid)
        return path

    def _prebuilt(self, kind: str) -> Path | None:
        """A directory the compile boxes mount read-only at ``/pre``, built once (in a box, under a lock):
        ``pch`` holds ``bits/stdc++.h.gch`` for ``CPP_FLAGS``; ``javac`` a class-data-sharing archive of the
        compiler's own classes (javac starts in about half the time); ``jvm`` one of what a typical solution's
        JVM loads, mapped by every Java test. None when it cannot be built."""
        tools = languages.toolchain()
        if not self.use_pch or (kind == "pch" and not tools.stdcpp_header) or (kind != "pch" and not tools.javac):
            return None
        spec = languages.prebuilt(kind)
        _, work, root = self._dirs()
        material = f"{kind}\0{tools.identity}\0{' '.join(spec.argv)}".encode() + b"".join(spec.files.values())
        key = hashlib.sha256(material).hexdigest()[:24]
        target = root / f"{kind}-{key}"
        if target.is_dir():
            return target
        failed = root / f"{kind}-{key}.failed"
        if failed.exists():
            return None
        with open(root / f"{kind}-{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if target.is_dir():
                return target
            workdir = self._fresh_workdir(work)
            try:
                for sub in spec.dirs:
                    (workdir / sub).mkdir()
                    if os.geteuid() == 0:
                        os.chown(workdir / sub, self.uid, self.gid)
                limits = CompileLimits(cpu_ms=120_000, wall_ms=180_000, memory_mb=2048)
                box = self._box(
                    job={
                        "argv": spec.argv,
                        "tests": 1,
                        "limits": self._compile_limits(limits, address_space=kind == "pch"),
                    },
                    data_files=spec.files,
                    inputs=[b""],
                    tmp_mb=512,
                    deadline_s=200,
                    rw_binds=[(str(workdir), "/out")],
                )
                made = os.lstat(workdir / spec.product) if (workdir / spec.product).exists() else None
                ok = box.results and box.results[0]["exit"] == 0 and made and stat.S_ISREG(made.st_mode)
                if not ok:
                    logger.warning("building the %s failed: %s", kind, box.internal_error or box.results)
                    failed.touch()
                    return None
                workdir.chmod(0o755)
                workdir.rename(target)
                return target
            finally:
                shutil.rmtree(workdir, ignore_errors=True)

    def _compile(
        self, language: LanguageKey, source: str, compile_limits: CompileLimits, used: dict
    ) -> tuple[Path | None, str, int, bool, str]:
        """(artifact dir or None, compiler output, compile ms, cache hit, internal error)."""
        cache, _, _ = self._dirs()
        key = self._cache_key(language, source)
        target = cache / language / key
        if target.is_dir():
            with contextlib.suppress(OSError):
                os.utime(target)  # recently used: the pruning below keeps it
            return target, "", 0, True, ""
        target.parent.mkdir(exist_ok=True)
        pre = self._prebuilt("pch" if language == "cpp" else "javac")
        started = time.monotonic()
        # javac runs on a JVM, which reserves far more address space than it uses.
        job_limits = self._compile_limits(compile_limits, address_space=language == "cpp")
        argv = languages.compile_argv(language, source, memory_mb=compile_limits.memory_mb, pre=bool(pre))
        warm, job_input = b"", b""
        if language == "java" and pre and (pre / "helper" / "WarmJavac.class").is_file():
            # javac's JVM starts with the box and warms up on its own source; the job's one "test" is then
            # that process, given the compiler's arguments on stdin (box_runner._Warm).
            argv = languages.javac_warm_argv(compile_limits.memory_mb)
            warm = _encode_job({"argv": argv, "tests": 0, "limits": job_limits})
            job_input = "\0".join(languages.javac_args(source)).encode() + b"\n"
        spec = BoxSpec(
            ro_binds=((str(pre), "/pre"),) if pre else (),
            ro_dirs=("/src",),
            rw_dirs=("/out",),
            tmp_mb=256,
            idle=1,
            warm=warm,
        )
        with self._fresh_box(spec, used) as box:
            name = languages.source_name(language, source)
            _write_file(box.dirs["/src"] / name, source.encode())
            result = self._talk(
                box.proc,
                job={"argv": argv, "tests": 1, "limits": job_limits},
                inputs=[job_input],
                deadline_s=compile_limits.wall_ms / 1000 + 10,
            )
            elapsed = int((time.monotonic() - started) * 1000)
            artifact, output, error = self._compiled(result, box.dirs["/out"], target)
            return artifact, output, elapsed, False, error

    def _compiled(self, box: BoxResult, workdir: Path, target: Path) -> tuple[Path | None, str, str]:
        """(artifact dir or None, compiler output, internal error) from the compile box's result; on success
        its output dir is moved into the cache at ``target``."""
        if box.internal_error or not box.results:
            return None, "", box.internal_error or "the compiler box returned nothing"
        raw = box.results[0]
        output = (raw["stdout"] + raw["stderr"]).decode("utf-8", "replace")
        output = output.replace("/src/", "")
        if raw["timeout"] or (raw["signal"] in (signal.SIGXCPU, signal.SIGKILL) and not raw["mle"]):
            return None, f"{output}\nCompilation exceeded the time limit.".strip(), ""
        if raw["mle"]:
            return None, f"{output}\nCompilation exceeded the memory limit.".strip(), ""
        if raw["ole"]:
            return None, f"{output}\nCompiler output exceeded the limit.".strip(), ""
        if raw["exit"] != 0 and any(m in output for m in ("out of memory", "memory exhausted", "Cannot allocate")):
            return None, f"{output}\nCompilation exceeded the memory limit.".strip(), ""
        if raw["exit"] != 0:
            return None, output.strip() or f"the compiler failed (exit {raw['exit']})", ""
        if _tree_size(workdir) > MAX_ARTIFACT_BYTES:
            return None, f"{output}\nThe compiled program is larger than the limit.".strip(), ""
        workdir.chmod(0o755)
        try:
            workdir.rename(target)
        except OSError:
            if not target.is_dir():  # a concurrent compile of the same source won the race otherwise
                raise
        self._prune(target.parent)
        return target, output.strip(), ""

    def _prune(self, directory: Path) -> None:
        """Keep the artifact cache bounded: past ``cache_entries`` per language, drop the least recently used
        quarter (a hit touches its entry, so what a running box has mounted is among the newest)."""
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        if len(entries) <= self.cache_entries:
            return
        entries.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime)
        for entry in entries[: len(entries) - self.cache_entries * 3 // 4]:
            shutil.rmtree(entry.path, ignore_errors=True)

    # ------------------------------------------------------------------ execute
    @staticmethod
    def shares(count: int, plan: languages.RunPlan) -> list[list[int]]:
        """Which tests each box runs: up to ``languages.BOXES`` boxes, dealt round-robin so that each box
        gets a fair mix of small and large tests; a box runs its tests in increasing order."""
        boxes = max(1, min(languages.BOXES, count // max(1, plan.tests_per_box)))
        return [list(range(first, count, boxes)) for first in range(boxes)]

    def _run_tests(
        self,
        *,
        plan: languages.RunPlan,
        limits: Limits,
        files: dict[str, bytes],
        artifact: Path | None,
        archive: Path | None,
        inputs: list[bytes],
        used: dict,
    ) -> tuple[list[tuple[int, dict]], str | None, str]:
        """Run every input, in boxes side by side (see ``shares``). ``files`` (name -> bytes) or ``artifact`` (a
        cached compile output) is what the box sees at ``/box``, ``archive`` the Java class-data archive at
        ``/pre``. Returns (test index, raw result) pairs, the Python compile error if any, and the first
        internal error (tests it cost are missing from the pairs)."""
        job_limits = self._run_limits(limits, plan.address_space_mb, plan.rss_limit_mb)
        spec = BoxSpec(
            ro_binds=((str(archive), "/pre"),) if archive else (), ro_dirs=("/box",), tmp_mb=limits.tmp_size_mb
        )

        def one_box(share: list[int]) -> BoxResult:
            with self._fresh_box(spec, used) as box:
                if artifact is not None:
                    _link_tree(artifact, box.dirs["/box"])
                for name, data in files.items():
                    _write_file(box.dirs["/box"] / name, data)
                return self._talk(
                    box.proc,
                    job={"argv": plan.argv, "python": plan.python, "tests": len(share), "limits": job_limits},
                    inputs=[inputs[i] for i in share],
                    deadline_s=len(share) * (limits.wall_ms / 1000 + 0.5) + 10,
                )

        shares = self.shares(len(inputs), plan)
        if len(shares) == 1:
            boxes = [one_box(shares[0])]
        else:
            with ThreadPoolExecutor(max_workers=len(shares), thread_name_prefix="sandbox-box") as pool:
                boxes = list(pool.map(one_box, shares))
        runs: list[tuple[int, dict]] = []
        compile_error, error = None, ""
        for share, box in zip(shares, boxes, strict=True):
            if box.compile_error is not None and compile_error is None:
                compile_error = box.compile_error
            error = error or box.internal_error
            for raw in box.results:
                position = raw.get("i")
                if not isinstance(position, int) or not 0 <= position < len(share):
                    error = error or "the sandbox runner sent a result for a test it was not given"
                    continue
                runs.append((share[position], raw))
        return runs, compile_error, error

    def execute(
        self,
        *,
        language: LanguageKey,
        source: str,
        inputs: list[str],
        limits: Limits,
        compile_limits: CompileLimits | None = None,
    ) -> Execution:
        used: dict = {}  # the kinds of box this submission used, to be replaced once it is done
        try:
            return self._execute(
                language=language, source=source, inputs=inputs, limits=limits, compile_limits=compile_limits, used=used
            )
        finally:
            if self.prestart:
                for key, spec in used.items():
                    pool.POOL.refill(key, lambda spec=spec: self._start(spec), spec.idle)

    def _execute(
        self,
        *,
        language: LanguageKey,
        source: str,
        inputs: list[str],
        limits: Limits,
        compile_limits: CompileLimits | None,
        used: dict,
    ) -> Execution:
        self.probe()
        execution = Execution(compiled=False, backend=self.name)
        if len(source.encode()) > MAX_SOURCE_BYTES:
            execution.compile_output = f"The source is larger than {MAX_SOURCE_BYTES // 1024} KB."
            return execution
        compile_limits = compile_limits or CompileLimits()
        files: dict[str, bytes] = {}
        artifact: Path | None = None
        try:
            archive = self._prebuilt("jvm") if language == "java" else None
            plan = languages.run_plan(language, source, limits, pre=bool(archive))
            if languages.is_compiled(language):
                artifact, output, elapsed, hit, error = self._compile(language, source, compile_limits, used)
                execution.compile_output, execution.compile_time_ms = output, elapsed
                execution.compile_cached = hit
                if error:
                    execution.internal_error = error
                    return execution
                if artifact is None:
                    return execution
            else:
                files[languages.source_name(language, source)] = source.encode()
            execution.compiled = True
            if not inputs:
                return execution
            runs, compile_error, error = self._run_tests(
                plan=plan,
                limits=limits,
                files=files,
                artifact=artifact,
                archive=archive,
                inputs=[text.encode() for text in inputs],
                used=used,
            )
        except OSError as exc:
            logger.exception("sandbox failure")
            execution.internal_error = f"the sandbox failed: {exc}"
            return execution
        if compile_error is not None:
            execution.compiled = False
            execution.compile_output = compile_error.replace("/box/", "")
            return execution
        execution.internal_error = error
        try:
            by_index = {index: classify(raw, language=language, limits=limits, plan=plan) for index, raw in runs}
        except (KeyError, TypeError, ValueError) as exc:
            execution.internal_error = f"the sandbox runner sent a malformed result: {exc}"
            by_index = {}
        detail = execution.internal_error or "the sandbox returned no result for this test"
        execution.runs = [
            by_index.get(i) or RunOutcome(index=i, status="IE", detail=detail) for i in range(len(inputs))
        ]
        for i, run in enumerate(execution.runs):
            run.index = i
        return execution
