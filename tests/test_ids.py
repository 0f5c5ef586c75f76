"""Patent-number normalisation: the vectorised form agrees with the one-value form."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from patnet.ids import normalize_patent_id, normalize_patent_ids

# what patent-number cells hold: digits, type prefixes, US / kind codes, separators,
# float and scientific forms, placeholders, lower case and surrounding blanks
_PIECES = st.sampled_from(["0", "1", "7", "9", "D", "RE", "pp", "US", "B2", " ", "\t", ",",
                           "-", ".", "E+", "e", "x", "", "N/A"])
_CELLS = st.one_of(st.none(), st.lists(_PIECES, max_size=8).map("".join),
                   st.integers(0, 10**9).map(str))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELLS, max_size=30))
def test_vectorised_equals_one_by_one(cells):
    ids, changed = normalize_patent_ids(pd.Series(cells, dtype="string"))
    expected = [normalize_patent_id(v) for v in cells]
    assert ids.tolist() == [pd.NA if e[0] is None else e[0] for e in expected]
    assert changed.tolist() == [e[1] for e in expected]
    assert str(ids.dtype) == "string"


def test_plain_numbers_take_the_fast_path_and_keep_the_index():
    s = pd.Series(["6836899", " 06836899", "D0513425", None, "1.23457E+12"], index=[5, 4, 3, 2, 1],
                  dtype="string")
    ids, changed = normalize_patent_ids(s)
    assert ids.index.tolist() == [5, 4, 3, 2, 1]
    assert ids.tolist() == ["6836899", "6836899", "D513425", pd.NA, pd.NA]
    assert changed.tolist() == [None, "leading zeros", "leading zeros", "missing", "unrecoverable"]
