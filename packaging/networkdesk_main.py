"""What the PyInstaller bundle runs: the same entry point as the installed `networkdesk` command."""

from networkdesk.app import run

if __name__ == "__main__":
    run()
