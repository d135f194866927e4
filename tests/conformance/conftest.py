"""The fixture sites under sites/ are copies of real repositories (some ship Python scripts
of their own): never collect tests from them."""
collect_ignore_glob = ["sites/*"]
