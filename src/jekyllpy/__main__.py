from jekyllpy.cli import entry

entry()
