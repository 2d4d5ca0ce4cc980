"""``python -m releasegraph.cli``, as the ``releasegraph`` console script."""

from releasegraph.cli import main

raise SystemExit(main())
