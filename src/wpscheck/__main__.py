"""``python -m wpscheck`` runs the command line."""

import sys

from wpscheck.cli import main

sys.exit(main())
