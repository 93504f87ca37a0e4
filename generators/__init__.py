"""The recipe generators (pypi, cran, julia, cxx, split).

Importing the package wires the linter into the checks every generated recipe passes before it
is written (`recipegen.generate.check_recipe_text`): core (`recipegen/`) never imports
`recipegen.linters` itself; the generator layer, which depends on both, connects them.
"""

from recipegen.linters.api import lint_generated_recipe

from recipegen.generate import use_recipe_linter

use_recipe_linter(lint_generated_recipe)
