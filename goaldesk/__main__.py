"""Allow ``python -m goaldesk``."""

import sys

from goaldesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
