"""Validation of the conda ecosystem's files against recipegen's JSON Schemas, in three steps
as check-jsonschema splits them: `load` (read a file or an artifact's members, parse YAML or
JSON, keep positions), `check` (the schema's errors, MatchSpec strings read by py-rattler's
parser) and `messages` (errors to positioned `Problem`s); `recipegen.reporters` prints them.
`kinds` tells which schema a file needs from its name and place; `schemas` finds the shipped
schemas and the catalog. `recipegen.validate` is the entry point callers use."""
