"""`python -m lawcli` runs the command line."""

import sys

from .cli.entry import main

sys.exit(main())
