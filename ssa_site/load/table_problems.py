"""The kinds of problem :mod:`ssa_site.load.tables` reports about a CSV resource."""

from __future__ import annotations

from ssa_site.base.problems import ProblemType, Severity

# The file as a whole.
CSV_NOT_UTF_8 = ProblemType(
    "csv-not-utf-8",
    "CSV file not UTF-8",
    "is not UTF-8 text (byte 0x{byte:02x})",
    "save the file as 'CSV UTF-8' in your spreadsheet program",
)
MORE_CONTROL_CHARACTERS = ProblemType(
    "more-control-characters",
    "More lines with control characters",
    "{count} more lines hold control characters",
    "check that the file is a CSV file saved as text (CSV UTF-8)",
)
UNCLOSED_QUOTE = ProblemType(
    "unclosed-quote",
    "Quoted cell never closed",
    "a quoted cell that starts on this row is never closed",
    'add the closing double quote ("), or remove the opening one',
)
BROKEN_QUOTING = ProblemType(
    "broken-quoting",
    "Broken quoting",
    "the quoting is broken ({error})",
    "put double quotes around a cell that holds a comma, a quote or a line break, and "
    'double every quote inside it ("")',
)
CSV_EMPTY = ProblemType(
    "csv-empty",
    "Empty CSV file",
    "the file is empty",
    "add a header row with the columns of {resource}",
)
CSV_OTHER_DELIMITER = ProblemType(
    "csv-other-delimiter",
    "CSV file not comma-separated",
    "the columns are separated by {separator}, not by commas",
    "save the file as comma-separated 'CSV UTF-8', or declare the separator in "
    'datapackage.json: "dialect": {{"delimiter": "{delimiter}"}} in the {resource} resource',
)
CSV_UNREADABLE = ProblemType(
    "csv-unreadable",
    "CSV file unreadable",
    "cannot be read as CSV: {reason}",
    "check that the file is a comma-separated table with a header row",
)
# The header row.
REQUIRED_COLUMN_MISSING = ProblemType(
    "required-column-missing",
    "Required column missing",
    "required column is missing",
    "add a column named '{column}' to the header row",
)
HEADER_CELL_BLANK = ProblemType(
    "header-cell-blank",
    "Blank header cell",
    "the header cell is blank",
    "give every column a name, or delete the empty column",
)
UNKNOWN_COLUMN = ProblemType(
    "unknown-column",
    "Unknown column",
    "'{column}' is not a column of {resource} and is ignored",
    "remove the column, fix its spelling, or declare it in the resource's schema",
    Severity.WARNING,
)
SECOND_BYTE_ORDER_MARK = ProblemType(
    "csv-second-byte-order-mark",
    "CSV file starting with two byte-order marks",
    "the file starts with a second byte-order mark, an invisible character glued to '{column}'",
    "save the file again as 'CSV UTF-8', or delete the invisible character before '{column}' "
    "in a text editor",
)
HEADER_CELL_INVISIBLE = ProblemType(
    "header-cell-invisible-character",
    "Invisible character in a column name",
    "the column name '{column}' holds the invisible character U+{code:04X}",
    "retype the column name",
)
HEADER_CELL_SPACED = ProblemType(
    "header-cell-spaced",
    "Column name with a space around it",
    "the column name '{written}' has {spaces}",
    "delete it: write '{column}'",
)
DUPLICATE_COLUMN = ProblemType(
    "duplicate-column",
    "Column twice in the header",
    "the column appears twice",
    "keep one of the two columns",
)
# Rows and cells, as Frictionless reports them (see _describe).
CELL_NOT_A_TYPE = ProblemType(
    "cell-not-a-type",
    "Cell not of the column's type",
    "'{cell}' is not a {type}",
    "{how}{qualitative}",
)
REQUIRED_VALUE_MISSING = ProblemType(
    "required-value-missing",
    "Required value missing",
    "is required but empty",
    "fill in the {column}",
)
VALUE_NOT_ALLOWED = ProblemType(
    "value-not-allowed",
    "Value not in the allowed list",
    "'{cell}' is not allowed",
    "use one of: {allowed}",
)
CONSTRAINT_BROKEN = ProblemType(
    "constraint-broken",
    "Value breaking a constraint",
    "'{cell}' breaks a constraint: {note}",
    "correct the value",
)
DUPLICATE_ROW_ID = ProblemType(
    "duplicate-row-id",
    "Two rows with one id",
    "duplicate id '{id}' ({note})",
    "give every row its own id",
)
REFERENCE_TO_NO_ROW = ProblemType(
    "reference-to-no-row",
    "Reference to no row",
    "'{value}' matches no id in {target}",
    "add a row with id '{value}' to {target}, or correct the reference",
)
REFERENCE_SPACED = ProblemType(
    "reference-spaced",
    "Reference with a space around it",
    "'{value}' has {spaces}, so it matches no id in {target}",
    "delete it: write '{stripped}'",
)
ID_SPACED = ProblemType(
    "id-spaced",
    "Id with a space around it",
    "'{value}' has {spaces}, so references to '{stripped}' match nothing",
    "delete it: write '{stripped}'",
)
MISSING_CELLS = ProblemType(
    "missing-cells",
    "Row shorter than the header",
    "the row has fewer cells than the header",
    "add the missing cells",
)
EXTRA_CELLS = ProblemType(
    "extra-cells",
    "Row longer than the header",
    "the row has more cells than the header",
    "remove the extra cells",
)
BLANK_ROW = ProblemType("blank-row", "Blank row", "the row is blank", "delete the blank row")
TABLE_ERROR = ProblemType("table-error", "Table error", "{message}", "correct the file")
_NUMBER_FIX = "write a number such as 42 or 3.5; check for a lost decimal point or unit"
NUMBER_NOT_FINITE = ProblemType(
    "number-not-finite", "Number not finite", "'{written}' is not a finite number", _NUMBER_FIX
)
NUMBER_TOO_LARGE = ProblemType(
    "number-too-large",
    "Number too large",
    "'{written}' is too large: numbers must be smaller than 1e15",
    _NUMBER_FIX,
)
NUMBER_TOO_SMALL = ProblemType(
    "number-too-small",
    "Number too close to zero",
    "'{written}' is too close to zero to be stored: numbers other than 0 must be at least "
    "1e-300 in size",
    "write 0, or the number in a larger unit",
)
DIGITS_NOT_ASCII = ProblemType(
    "digits-not-ascii",
    "Digits other than 0-9",
    "'{written}' is written with the digit '{digit}' ({name}), not with 0-9",
    "retype it with the digits 0-9; an input method for another script may have written it",
)
