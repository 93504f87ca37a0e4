"""`recipegen update`: version bumps that carry upstream's dependency changes into a recipe."""
