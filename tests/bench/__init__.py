"""The project's benchmarks: `make bench` (`python -m tests.bench`), not part of `make test`.

Each section measures one thing in fresh processes and prints a Markdown table; the figures
and the machine they ran on are kept in docs/benchmarks.md.
"""
