"""The library: many documents in one SQLite file, each parsed once, all searchable together.

store.py opens the file and keeps the rows of documents and their sources; migrations.py
makes the schema and upgrades an older one; names.py gives documents their names; index.py
keeps each unit text once, folded and indexed, and finds the candidates of a search;
ingest.py reads files into it. Nothing is imported here: naming a document (names.py, on
every lookup that takes a reference) does not open SQLite.
"""
