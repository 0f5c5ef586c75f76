"""The patnet exception hierarchy.

Every error patnet raises on purpose is a :class:`PatnetError`. Errors about
the user's data are :class:`PatnetInputError` and carry where the problem is
(file, physical line, column, value) and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "PatnetError",
    "PatnetInputError",
    "SchemaError",
    "PatnetWarning",
]


class PatnetError(Exception):
    """Base class of every error raised by patnet on purpose.

    Catch it to handle any error patnet raises deliberately (as opposed to a
    bug, which surfaces as another exception).

    Examples
    --------
    >>> import patnet as pn
    >>> try:
    ...     pn.measures.get_measure("betweeness")
    ... except pn.PatnetError as err:
    ...     print(err)
    no measure named 'betweeness' (did you mean 'betweenness'?); see patnet.measures.available_measures()
    """


class PatnetInputError(PatnetError, ValueError):
    """Input data that patnet cannot read as given.

    Parameters
    ----------
    message : str
        What is wrong.
    file, line, column, value : optional
        Where it is: the file, the *physical* line (1-based, counting the
        header and every line break inside quoted fields), the column and the
        offending value.
    hint : str, optional
        What the user can do about it.

    Examples
    --------
    The message says where the problem is and what to do; the parts are
    attributes too. It is also a :class:`ValueError`.

    >>> from patnet import PatnetInputError
    >>> err = PatnetInputError("unreadable year", file="patents.csv", line=3, column="year",
    ...                        value="20O1", hint="Write years with four digits")
    >>> str(err)
    "unreadable year (file 'patents.csv', line 3, column 'year', value '20O1'). Write years with four digits"
    >>> err.line, err.column, isinstance(err, ValueError)
    (3, 'year', True)
    """

    def __init__(self, message, *, file=None, line=None, column=None, value=None, hint=None):
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        self.value = value
        self.hint = hint
        parts = []
        if self.file is not None:
            parts.append(f"file {self.file!r}")
        if line is not None:
            parts.append(f"line {line}")
        if column is not None:
            parts.append(f"column {column!r}")
        if value is not None:
            shown = str(value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            parts.append(f"value {shown!r}")
        text = message
        if parts:
            text = f"{message} ({', '.join(parts)})"
        if hint:
            text = f"{text}. {hint}"
        self.message = message
        super().__init__(text)


class SchemaError(PatnetInputError):
    """A canonical table does not follow the patnet schema.

    Examples
    --------
    >>> import pandas as pd
    >>> import patnet as pn
    >>> try:
    ...     pn.schema.coerce_table("patents", pd.DataFrame({"number": ["7000001"]}))
    ... except pn.SchemaError as err:
    ...     print(err.table, "|", err.message)
    patents | table 'patents': required column 'patent_id' is missing
    """

    def __init__(self, message, *, table=None, column=None, value=None, hint=None):
        self.table = table
        where = message if table is None else f"table {table!r}: {message}"
        super().__init__(where, column=column, value=value, hint=hint)


class PatnetWarning(UserWarning):
    """Something in the data or the options that the user should know about.

    Examples
    --------
    >>> import warnings
    >>> import patnet as pn
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     codes = pn.select.partner_codes(["SG", "XX"])
    >>> caught[0].category is pn.PatnetWarning, codes
    (True, ('SG', 'XX'))
    """
