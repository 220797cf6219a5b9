"""`python -m cfasr_ext.cli`, the same as the `cfasr` console script."""

from cfasr_ext.cli import main

main()
