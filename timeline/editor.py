"""The user's text editor, on one event's TOML: which editor, how to run it, and the errors a
refused edit shows at the top of the text when the editor opens again (as `crontab -e` and
`visudo` do)."""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from timeline.errors import TimelineError, UsageError

# The lines timeline writes at the top of the text; they are taken off when it is read back.
MARK = "# timeline: "
FALLBACK_EDITORS = ("vi", "nano")


class EditorFailed(TimelineError):
    """The editor could not be run, or ended with a failure: nothing was changed."""


def editor_command(environ: Mapping[str, str]) -> list[str]:
    """The editor to run, as git chooses it: $VISUAL, else $EDITOR, else vi (or nano)."""
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as error:
                raise UsageError(f"${name} {value!r}: {error}") from None
            if command:
                return command
    for fallback in FALLBACK_EDITORS:
        if shutil.which(fallback):
            return [fallback]
    raise UsageError("no editor found: set $VISUAL or $EDITOR")


def run_editor(command: list[str], path: Path) -> None:
    """Run the editor on the file and wait for it; EditorFailed if it cannot run or fails."""
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError:
        raise UsageError(f"editor {command[0]!r} not found: set $VISUAL or $EDITOR") from None
    except OSError as error:
        raise EditorFailed(f"cannot run the editor {command[0]!r}: {error.strerror}") from None
    if finished.returncode != 0:
        message = f"the editor {command[0]!r} ended with status {finished.returncode}"
        raise EditorFailed(message + "; nothing was changed")


def with_errors(text: str, errors: list[str]) -> str:
    """The text with the errors of the last try written as comments above it."""
    head = [
        f"{MARK}this event was not saved: fix what these lines say, then save and quit",
        *(f"{MARK}{line}" for error in errors for line in error.splitlines()),
        f"{MARK}(to give up, delete everything and save; these lines are taken off)",
    ]
    return "\n".join(head) + "\n" + without_errors(text)


def without_errors(text: str) -> str:
    """The text without the comments with_errors put at its top."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(MARK):
        lines.pop(0)
    return "".join(lines)


def is_empty(text: str) -> bool:
    """Whether the text holds nothing but blank lines and comments: the user gave up."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def scratch_file(event_id: str, text: str) -> Path:
    """A private file holding the event's text for the editor (named so that editors know
    it is TOML)."""
    import tempfile

    from timeline.names import slug

    folder = Path(tempfile.mkdtemp(prefix="timeline-edit-"))
    path = folder / f"{slug(event_id, '') or 'event'}.toml"
    path.touch(mode=0o600)
    write(path, text)
    return path


def write(path: Path, text: str) -> None:
    """Write the text as it is (its line ends too) for the editor."""
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(text)


def discard(path: Path) -> None:
    """Remove the scratch file and its folder."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()
