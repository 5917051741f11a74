"""The reference grammar: one way of reading a reference, whoever wrote it.

A reference reaches the tool from three writers: a user at the prompt (`4.2`, `第四条第二款`,
`art. 4(2)`), a citation pasted from a memo (`《刑法》第264条第1款、第2款`, `arts. 1, 4 and 7 of
the Treaty`), and a clause that cites another (`依照本法第七条第二款`, `paragraph 1 of this
article`). All three are read by the same pieces, built from the words in vocabulary.py:

- tokens.py: the text normalised, and the token at a place in it (第4条, (2), art. 4, 4.2, 、);
- paths.py: tokens joined into paths down the document (第4条 → 第1款; 、第2款 → 第4条第2款);
- references.py: a path as the keys every unit's `ref` is made of (4.2, 17_1, book2.chapter1);
- read.py: a whole argument: the words that lead into it, the title it names, its paths;
- resolve.py: paths found in a loaded document, with errors that say what it does have;
- titles.py: which titles name the loaded document;
- crossrefs.py: the paths a clause cites, found in running text;
- write.py: the inverse, `cite`: units written as citations that read.py reads back.
"""
