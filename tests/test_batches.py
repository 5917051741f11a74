from hypothesis import given
from hypothesis import strategies as st

from treatycli.batches import batched


@given(st.lists(st.text(max_size=12)), st.integers(1, 30))
def test_batches_are_the_texts_in_order_each_ending_where_it_reaches_the_size(texts, characters):
    batches = list(batched(texts, characters))
    assert [text for batch in batches for text in batch] == texts
    assert all(batches)
    for batch in batches[:-1]:
        assert sum(map(len, batch)) >= characters > sum(map(len, batch[:-1]))
    if batches:
        assert sum(map(len, batches[-1][:-1])) < characters
