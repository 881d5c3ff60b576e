"""The command line (placeholder until the commands land)."""


def main() -> None:
    """Entry point."""
