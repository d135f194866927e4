from jekyllpy.cli import main

raise SystemExit(main())
