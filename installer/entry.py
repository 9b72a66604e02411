"""The frozen build's entry point (installer/posguide.spec)."""

from posguide.main import main

raise SystemExit(main())
