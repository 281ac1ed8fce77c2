"""Exit codes of the `corpus` command, documented in the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # the command could not do its job (bad database, bad query, missing model)
    USAGE = 2  # click's own code for a bad option or argument
    PARTIAL = 3  # import: some inputs failed, the rest were imported
    NOTHING_IMPORTED = 4  # import: nothing new was stored (all failed, or all duplicates)
