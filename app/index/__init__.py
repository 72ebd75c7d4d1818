"""The reform-index criteria sets (Chỉ số CCHC) a commune scores itself against each year."""
