"""Citations: `cite` writes them (write.py); every command that takes references reads them
back (read.py, parse.py) into requests (request.py) and finds what they cite in the loaded
document (find.py). forms.py is the vocabulary both directions share; titles.py says which
titles name a document."""
