"""Model objects → output: plain lines (plain.py), JSON records (records.py), Rich (terminal.py)."""
