from posguide.main import main

raise SystemExit(main())
