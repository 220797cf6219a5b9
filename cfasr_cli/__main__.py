"""`python -m cfasr_cli`, the same as the `cfasr` console script."""

from cfasr_cli import main

main()
