"""`python -m networkdesk` behaves like the `networkdesk` command."""

from networkdesk.app import run

run()
