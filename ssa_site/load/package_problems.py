"""The kinds of problem :mod:`ssa_site.load.package` (and :mod:`ssa_site.load.package_fields`)
report about a plan folder and its ``datapackage.json``."""

from __future__ import annotations

from ssa_site.base.problems import ProblemType

# The plan folder and the descriptor file itself.
LINK_LOOP = ProblemType(
    "link-loop",
    "Link leading back to itself",
    "'{path}' is a link that leads back to itself, never to a file",
    "replace the link with the file itself",
)
PLAN_FOLDER_LINKED_OUTSIDE = ProblemType(
    "plan-folder-linked-outside-project",
    "Plan folder linked outside the project",
    "the plan folder is a link to a folder outside the project",
    "replace the link with a folder holding the plan's files",
)
DESCRIPTOR_LINKED_OUTSIDE = ProblemType(
    "descriptor-linked-outside-project",
    "Descriptor linked outside the project",
    "is a link to a file outside the project",
    "replace the link with the file itself",
)
DESCRIPTOR_MISSING = ProblemType(
    "descriptor-missing",
    "Package folder without a datapackage.json",
    "the folder has no datapackage.json",
    "add a datapackage.json describing the plan, or move the folder out of data/",
)
DESCRIPTOR_NOT_JSON = ProblemType(
    "descriptor-not-json",
    "Descriptor not valid JSON",
    "is not valid JSON: {error} at column {column}",
    "fix the JSON syntax (a missing comma or quote is the usual cause)",
)
DESCRIPTOR_NOT_OBJECT = ProblemType(
    "descriptor-not-object",
    "Descriptor not a JSON object",
    "must be a JSON object",
    "wrap the package in {{ }}",
)

# The plan's name and its ``ssa`` metadata.
PACKAGE_NAME_MISMATCH = ProblemType(
    "package-name-mismatch",
    "Package name differs from its folder",
    "'{name}' differs from the folder name '{folder}'",
    "rename the folder or the package so they match",
)
PLAN_NAME_INVALID = ProblemType(
    "plan-name-invalid",
    "Invalid plan name",
    "'{name}' is not a valid plan name",
    "use lower-case letters, digits and '-', e.g. northland-ics",
)
PLAN_METADATA_MISSING = ProblemType(
    "plan-metadata-missing",
    "Plan metadata missing",
    "the plan metadata is missing",
    'add "ssa": {{"title": ..., "kind": ..., "levels": ...}}',
)
PLAN_TITLE_MISSING = ProblemType(
    "plan-title-missing",
    "Plan without a title",
    "the plan has no title",
    "add a title",
)
UNKNOWN_PLAN_KIND = ProblemType(
    "unknown-plan-kind",
    "Unknown plan kind",
    "'{kind}' is not a plan kind",
    "use one of {kinds}",
)
COUNTRY_CODE_INVALID = ProblemType(
    "country-code-invalid",
    "Country not an ISO 3166-1 alpha-3 code",
    "'{country}' is not an ISO 3166-1 alpha-3 code",
    "write the country's code in three capital letters: {nearest}",
)
COUNTRY_CODE_UNKNOWN = ProblemType(
    "country-code-unknown",
    "Country code of no country",
    "'{country}' is not the ISO 3166-1 alpha-3 code of a country",
    "use the code of the plan's country; the nearest codes are {nearest}",
)
PLAN_PERIOD_NOT_OBJECT = ProblemType(
    "plan-period-not-object",
    "Plan period not an object",
    "must be an object",
    'write {{"start": ..., "end": ...}}',
)
PLAN_PERIOD_DATE_INVALID = ProblemType(
    "plan-period-date-invalid",
    "Plan period date not a date",
    "'{text}' is not a date",
    "write the date as YYYY-MM-DD",
)
PLAN_PERIOD_REVERSED = ProblemType(
    "plan-period-reversed",
    "Plan period ending before it starts",
    "ends before it starts",
    "swap or correct the dates",
)
_MONTH_FIX = "write a month number from 1 to 12, without quotes; 10 for US fiscal years"
FISCAL_YEAR_START_QUOTED = ProblemType(
    "fiscal-year-start-quoted",
    "Fiscal year start written as text",
    '"{value}" is text, not a month number',
    _MONTH_FIX,
)
FISCAL_YEAR_START_INVALID = ProblemType(
    "fiscal-year-start-invalid",
    "Fiscal year start not a month",
    "{value} is not a month",
    _MONTH_FIX,
)
UNKNOWN_PLAN_VISIBILITY = ProblemType(
    "unknown-plan-visibility",
    "Unknown plan visibility",
    "'{visibility}' is not a visibility",
    "use public or internal",
)
UNKNOWN_LEVEL_PRESET = ProblemType(
    "unknown-level-preset",
    "Unknown level preset",
    "'{value}' is not a preset",
    "use one of {presets} or a list of level names, top first",
)
LEVEL_LISTED_TWICE = ProblemType(
    "level-listed-twice",
    "Level listed twice",
    "a level is listed twice",
    "list each level once",
)
LEVELS_INVALID = ProblemType(
    "levels-invalid",
    "Levels neither a preset nor a list",
    "must be a preset name or a non-empty list of level names",
    "use one of {presets} or a list such as [goal, objective]",
)

# The list of resources.
RESOURCES_NOT_LIST = ProblemType(
    "resources-not-list",
    "Resources not a list",
    "must be a list of resources",
    'write [{{"name": "results", "path": "results.csv"}}, ...]',
)
NO_RESOURCES = ProblemType(
    "no-resources",
    "Package without resources",
    "the package lists no resources",
    'add at least {{"name": "results", "path": "results.csv"}}',
)
RESULTS_RESOURCE_MISSING = ProblemType(
    "results-resource-missing",
    "Package without a results resource",
    "the package has no results resource",
    'add {{"name": "results", "path": "results.csv"}}',
)
RESOURCE_NOT_OBJECT = ProblemType(
    "resource-not-object",
    "Resource not an object",
    "must be an object",
    'write {{"name": ..., "path": ...}}',
)
UNKNOWN_RESOURCE = ProblemType(
    "unknown-resource",
    "Unknown resource",
    "'{name}' is not a known resource",
    "name it one of {resources}",
)
RESOURCE_LISTED_TWICE = ProblemType(
    "resource-listed-twice",
    "Resource listed twice",
    "'{name}' is listed twice",
    "list it once",
)
RESOURCE_PATH_MISSING = ProblemType(
    "resource-path-missing",
    "Resource without a path",
    "is missing",
    'add "path": "{name}.csv"',
)
_INSIDE_FIX = 'use a CSV file inside the package folder, e.g. "{name}.csv"'
RESOURCE_PATH_URL = ProblemType(
    "resource-path-url",
    "URL as a resource path",
    "'{path}' is a URL; the plugin never fetches data over the network",
    _INSIDE_FIX,
)
RESOURCE_PATH_ABSOLUTE = ProblemType(
    "resource-path-absolute",
    "Absolute resource path",
    "'{path}' is an absolute path",
    _INSIDE_FIX,
)
RESOURCE_PATH_OUTSIDE = ProblemType(
    "resource-path-outside-package",
    "Resource path outside the package folder",
    "'{path}' leads outside the package folder",
    _INSIDE_FIX,
)
RESOURCE_PATH_LINKED_OUTSIDE = ProblemType(
    "resource-path-linked-outside-package",
    "Resource path linked outside the package folder",
    "'{path}' leads outside the package folder (through a link)",
    _INSIDE_FIX,
)
RESOURCE_DIALECT_NOT_OBJECT = ProblemType(
    "resource-dialect-not-object",
    "Resource dialect not an inline object",
    "must be an inline object",
    'write "dialect": {{"delimiter": ";"}}, or leave it out for a comma-separated file',
)
RESOURCE_DELIMITER_INVALID = ProblemType(
    "resource-delimiter-invalid",
    "Resource delimiter not one character",
    "{delimiter} is not a separator of columns",
    'write one character, e.g. ";" or "\\t" (a tab)',
)
RESOURCE_FILE_MISSING = ProblemType(
    "resource-file-missing",
    "Resource file missing",
    "'{path}' does not exist",
    "add {file} or correct the path",
)
RESOURCE_SCHEMA_NOT_OBJECT = ProblemType(
    "resource-schema-not-object",
    "Resource schema not an inline object",
    "must be an inline Table Schema object",
    "embed the schema, or leave it out to use the standard one",
)
